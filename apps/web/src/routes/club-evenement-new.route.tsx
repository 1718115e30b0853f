import { NewEvenementView } from '../club/evenement-edit.view';

export function ClubEvenementNewRoute() {
  return <NewEvenementView />;
}

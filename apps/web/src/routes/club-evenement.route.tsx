import { EvenementView } from '../club/evenement.view';
import { RecordRoute } from './record-route';

export function ClubEvenementRoute() {
  return <RecordRoute render={(id) => <EvenementView key={id} evenementId={id} />} />;
}

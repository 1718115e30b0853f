import { DemarchesView } from '../demarches/demarches.view';

export function DemarchesRoute() {
  return <DemarchesView />;
}

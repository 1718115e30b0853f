import { RapportView } from '../pilotage/rapport.view';

export function RapportRoute() {
  return <RapportView />;
}

import { RapportsView } from '../pilotage/rapports.view';

export function RapportsRoute() {
  return <RapportsView />;
}

import { IndicateurDetailView } from '../pilotage/indicateur-detail.view';

export function IndicateurDetailRoute() {
  return <IndicateurDetailView />;
}

import { FinancementsView } from '../financements/financements.view';

export function FinancementsRoute() {
  return <FinancementsView />;
}

import { DonneesView } from '../public/donnees.view';

export function DonneesRoute() {
  return <DonneesView />;
}

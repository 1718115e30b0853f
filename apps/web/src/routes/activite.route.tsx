import { ActiviteView } from '../activite/activite.view';

export function ActiviteRoute() {
  return <ActiviteView />;
}

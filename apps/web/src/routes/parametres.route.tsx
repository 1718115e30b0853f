import { ParametresView } from '../parametres/parametres.view';

export function ParametresRoute() {
  return <ParametresView />;
}

import { ImportsPartenairesView } from '../imports-partenaires/imports-partenaires.view';

export function ImportsPartenairesRoute() {
  return <ImportsPartenairesView />;
}

import { ImportsNationauxView } from '../imports-nationaux/imports-nationaux.view';

export function ImportsNationauxRoute() {
  return <ImportsNationauxView />;
}

import { OrtsView } from '../territoire/orts.view';

export function OrtsRoute() {
  return <OrtsView />;
}

import { DispositifsView } from '../financements/dispositifs.view';

export function DispositifsRoute() {
  return <DispositifsView />;
}

import { CommuneSearchView } from '../communes/commune-search.view';

export function CommunesRoute() {
  return <CommuneSearchView />;
}

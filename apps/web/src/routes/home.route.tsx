import { HomeView } from '../app/home.view';

/** "/": what each user comes for — their dossier, their work list, or the rubriques they may use. */
export function HomeRoute() {
  return <HomeView />;
}

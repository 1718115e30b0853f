import { EditFicheView, NewFicheView } from '../projetotheque/fiche-editor.view';
import { FichePublicView } from '../projetotheque/fiche-public.view';
import { FicheSuiviView } from '../projetotheque/fiche-suivi.view';
import { FichesListView } from '../projetotheque/fiches-list.view';
import { ProjetothequeSearchView } from '../projetotheque/projetotheque-search.view';
import { RecordRoute } from './record-route';

/** Public: the search of published sheets. */
export function ProjetothequeRoute() {
  return <ProjetothequeSearchView />;
}

/** Public: a published sheet (any other id is « Page non trouvée »). */
export function FichePublicRoute() {
  return <RecordRoute render={(id) => <FichePublicView key={id} id={id} />} />;
}

export function MesFichesRoute() {
  return <FichesListView mode="mes" />;
}

export function RevueFichesRoute() {
  return <FichesListView mode="revue" />;
}

export function NouvelleFicheRoute() {
  return <NewFicheView />;
}

export function FicheSuiviRoute() {
  return <RecordRoute render={(id) => <FicheSuiviView key={id} id={id} />} />;
}

export function ModifierFicheRoute() {
  return <RecordRoute render={(id) => <EditFicheView key={id} id={id} />} />;
}

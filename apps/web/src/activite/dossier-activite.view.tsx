import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { useDocumentTitle } from '../app/use-document-title';
import { useDossier } from '../dossiers/data/dossier.hooks';
import { useListParams } from '../shared/use-list-params';
import { ACTIVITE_FILTERS, ActiviteFeed, apiFiltersOf } from './activite-feed';
import { useActiviteDossier } from './data/activite.hooks';

const PAGE_SIZE = 50;

/** The whole activity of one dossier, filtered, page by page. */
export function DossierActiviteView({ pvdId }: { pvdId: string }) {
  const params = useListParams({ filters: ACTIVITE_FILTERS });
  const dossier = useDossier(pvdId);
  const feed = useActiviteDossier(pvdId, apiFiltersOf(params, false), PAGE_SIZE);
  const nom = dossier.data?.nom ?? 'Dossier';
  useDocumentTitle(`Activité – ${nom}${params.filtered ? ' (filtrée)' : ''}`);
  return (
    <>
      <Breadcrumb currentPageLabel="Activité" homeLinkProps={{ to: '/' }} segments={[{ label: nom, linkProps: { to: `/pvd/${encodeURIComponent(pvdId)}` } }]} />
      <h1>Activité – {nom}</h1>
      <p className={fr.cx('fr-text--lead')}>Ce qui a changé dans ce dossier, du plus récent au plus ancien.</p>
      <ActiviteFeed params={params} query={feed} listPath={`/api/pvd/${encodeURIComponent(pvdId)}/activite`} what="l’activité du dossier" showDossier={false} />
    </>
  );
}

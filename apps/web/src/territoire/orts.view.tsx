import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { ORT_STATUT_LABELS, ORT_STATUTS } from '@suivi-pvd/domain';
import { ChoiceSelect, formatDate, StatTiles } from '@suivi-pvd/ui';
import { Link } from 'react-router';
import { useDocumentTitle } from '../app/use-document-title';
import { countOf, DataList, type ListColumn } from '../shared/data-list';
import { readDepartement, readers, useListParams } from '../shared/use-list-params';
import { useOrts, type OrtSummary, type OrtTri } from './data/territoire.hooks';
import { CommunesCouvertes, OrtStatutBadge } from './ort.section';
import { TerritoireSelects } from '../shared/territoire-selects';

const PAGE_SIZE = 50;
const TITLE = 'Opérations de revitalisation de territoire (ORT)';
const SORTS = ['libelle', 'dateSignature'] as const satisfies readonly OrtTri[];
const FILTERS = {
  statut: readers.oneOf(ORT_STATUTS),
  region: readers.matching(/^\d{2,3}$/),
  departement: readDepartement,
};

const COLUMNS: ListColumn<OrtSummary, (typeof SORTS)[number]>[] = [
  {
    key: 'libelle',
    header: 'Intitulé',
    sort: 'libelle',
    cell: (o) => (
      <div style={{ minWidth: '14rem' }}>
        {o.libelle}
        {o.epciNom && (
          <span className={fr.cx('fr-text--xs')} style={{ display: 'block' }}>
            Signataire : {o.epciNom}
          </span>
        )}
      </div>
    ),
  },
  {
    key: 'communes',
    header: 'Communes couvertes',
    cell: (o) => (
      <div style={{ minWidth: '10rem' }}>
        <CommunesCouvertes communes={o.communes} />
        <span className={fr.cx('fr-text--xs')} style={{ display: 'block' }}>
          {o.communes.length} commune{o.communes.length > 1 ? 's' : ''}
        </span>
      </div>
    ),
  },
  { key: 'statut', header: 'Statut', cell: (o) => <OrtStatutBadge statut={o.statut} /> },
  { key: 'signature', header: 'Signée le', sort: 'dateSignature', cell: (o) => formatDate(o.dateSignature) ?? '—' },
  { key: 'fin', header: 'Fin', cell: (o) => formatDate(o.dateFin) ?? '—' },
];

/** The national list of ORT (those covering a commune of the user's territory), filtered and sorted, with its totals. */
export function OrtsView() {
  useDocumentTitle('ORT');
  const params = useListParams({ filters: FILTERS, sorts: SORTS });
  const { filters } = params;
  const list = useOrts({ ...filters, tri: params.sort ?? '', page: params.page, pageSize: PAGE_SIZE });
  const change = (changes: Partial<typeof filters>) => params.setFilters(changes, { replace: true });
  const col = fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-4');

  return (
    <>
      <Breadcrumb currentPageLabel="ORT" homeLinkProps={{ to: '/' }} segments={[]} />
      <h1>{TITLE}</h1>
      <p className={fr.cx('fr-text--lead')}>Les ORT qui couvrent les communes de votre territoire. Une ORT se saisit depuis le dossier d’une petite ville de demain qu’elle couvre.</p>
      <form role="search" aria-label="Filtrer les ORT" onSubmit={(e) => e.preventDefault()} className={fr.cx('fr-mb-3w')}>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          <div className={col}>
            <ChoiceSelect className={fr.cx('fr-mb-0')} label="Statut" name="statut" choices={ORT_STATUTS} labels={ORT_STATUT_LABELS} value={filters.statut} onChange={(statut) => change({ statut: statut ?? '' })} empty={{ label: 'Tous les statuts' }} />
          </div>
          <TerritoireSelects className={col} region={filters.region} departement={filters.departement} regions={list.data?.regions} departements={list.data?.departements} onChange={change} />
        </div>
        {params.filtered && (
          <p className={fr.cx('fr-mt-2w', 'fr-mb-0')}>
            <Link className={fr.cx('fr-link', 'fr-icon-close-line', 'fr-link--icon-left')} to={{ search: params.clearSearch }}>
              Effacer les filtres
            </Link>
          </p>
        )}
      </form>
      <DataList
        caption="Opérations de revitalisation de territoire"
        hideCaption
        label="ORT"
        columns={COLUMNS}
        rowKey={(o) => o.id}
        params={params}
        query={list}
        defaultSort="-dateSignature"
        count={(total) => `${countOf('ORT', 'ORT')(total)}${params.filtered ? ' (filtrées)' : ''}`}
        empty="Aucune ORT n’est encore enregistrée sur votre territoire."
        emptyFiltered="Aucune ORT ne correspond à ces filtres."
        loadingLabel="Chargement des ORT…"
        errorTitle="Les ORT n’ont pas pu être chargées"
        exportTo={{ listPath: '/api/orts', what: 'les ORT' }}
        above={(data) => (
          <StatTiles
            label="Totaux de la sélection"
            items={[
              { label: 'ORT', value: data.totaux.ort },
              { label: data.totaux.communes > 1 ? 'Communes PVD couvertes' : 'Commune PVD couverte', value: data.totaux.communes },
              ...(data.totaux.communesHorsPvd > 0 ? [{ label: 'Autres communes couvertes (hors PVD)', value: data.totaux.communesHorsPvd }] : []),
            ]}
          />
        )}
      />
    </>
  );
}

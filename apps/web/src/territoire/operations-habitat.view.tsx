import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { HABITAT_OPERATION_PHASE_LABELS, HABITAT_OPERATION_PHASES, HABITAT_OPERATION_TYPE_LABELS, HABITAT_OPERATION_TYPES } from '@suivi-pvd/domain';
import { ChoiceSelect, StatTiles } from '@suivi-pvd/ui';
import { Link } from 'react-router';
import { useDocumentTitle } from '../app/use-document-title';
import { countOf, DataList } from '../shared/data-list';
import { readDepartement, readers, useListParams } from '../shared/use-list-params';
import { useOperations } from './data/territoire.hooks';
import { operationColumns } from './operations-habitat.table';
import { TerritoireSelects } from '../shared/territoire-selects';

const PAGE_SIZE = 50;
const TITLE = 'Opérations d’habitat';
const FILTERS = {
  type: readers.oneOf(HABITAT_OPERATION_TYPES),
  phase: readers.oneOf(HABITAT_OPERATION_PHASES),
  region: readers.matching(/^\d{2,3}$/),
  departement: readDepartement,
};
const COLUMNS = operationColumns();

/** The national list of habitat operations (those of the user's territory), filtered, with its totals. */
export function OperationsHabitatView() {
  useDocumentTitle(TITLE);
  const params = useListParams({ filters: FILTERS });
  const { filters } = params;
  const list = useOperations({ ...filters, type: filters.type || null, phase: filters.phase || null, pvdId: '', page: params.page, pageSize: PAGE_SIZE });
  const change = (changes: Partial<typeof filters>) => params.setFilters(changes, { replace: true });
  const col = fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-3');

  return (
    <>
      <Breadcrumb currentPageLabel={TITLE} homeLinkProps={{ to: '/' }} segments={[]} />
      <h1>{TITLE}</h1>
      <p className={fr.cx('fr-text--lead')}>Les OPAH, PIG, RHI-THIRORI, plans de sauvegarde et ORCOD qui couvrent les communes de votre territoire.</p>
      {list.data?.peutCreer && (
        <Button className={fr.cx('fr-mb-3w')} iconId="fr-icon-add-line" linkProps={{ to: '/operations-habitat/nouvelle' }}>
          Saisir une opération
        </Button>
      )}
      <form role="search" aria-label="Filtrer les opérations" onSubmit={(e) => e.preventDefault()} className={fr.cx('fr-mb-3w')}>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          <div className={col}>
            <ChoiceSelect className={fr.cx('fr-mb-0')} label="Type" name="type" choices={HABITAT_OPERATION_TYPES} labels={HABITAT_OPERATION_TYPE_LABELS} value={filters.type} onChange={(type) => change({ type: type ?? '' })} empty={{ label: 'Tous les types' }} />
          </div>
          <div className={col}>
            <ChoiceSelect className={fr.cx('fr-mb-0')} label="Phase" name="phase" choices={HABITAT_OPERATION_PHASES} labels={HABITAT_OPERATION_PHASE_LABELS} value={filters.phase} onChange={(phase) => change({ phase: phase ?? '' })} empty={{ label: 'Toutes les phases' }} />
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
        caption="Opérations d’habitat"
        hideCaption
        label="Opérations"
        columns={COLUMNS}
        rowKey={(o) => o.id}
        params={params}
        query={list}
        count={(total) => `${countOf('opération', 'opérations')(total)}${params.filtered ? ' (filtrées)' : ''}`}
        empty="Aucune opération d’habitat n’est encore enregistrée sur votre territoire."
        emptyFiltered="Aucune opération ne correspond à ces filtres."
        loadingLabel="Chargement des opérations…"
        errorTitle="Les opérations n’ont pas pu être chargées"
        exportTo={{ listPath: '/api/operations-habitat', what: 'les opérations d’habitat' }}
        above={(data) => (
          <StatTiles
            label="Totaux de la sélection"
            items={[
              { label: data.totaux.operations > 1 ? 'Opérations' : 'Opération', value: data.totaux.operations },
              { label: data.totaux.communes > 1 ? 'Communes PVD couvertes' : 'Commune PVD couverte', value: data.totaux.communes },
              ...(data.totaux.communesHorsPvd > 0 ? [{ label: 'Autres communes couvertes (hors PVD)', value: data.totaux.communesHorsPvd }] : []),
              { label: 'Petites villes de demain couvertes', value: data.totaux.pvd },
            ]}
          />
        )}
      />
    </>
  );
}

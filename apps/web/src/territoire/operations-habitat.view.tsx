import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { HABITAT_OPERATION_PHASE_LABELS, HABITAT_OPERATION_PHASES, HABITAT_OPERATION_TYPE_LABELS, HABITAT_OPERATION_TYPES, type HabitatOperationPhase, type HabitatOperationType } from '@suivi-pvd/domain';
import { ChoiceSelect, formatNumber, StatTiles } from '@suivi-pvd/ui';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { useOperations } from './data/territoire.hooks';
import { OperationsTable } from './operations-habitat.table';

const PAGE_SIZE = 50;
const TITLE = 'Opérations d’habitat';

interface Filters {
  type: HabitatOperationType | null;
  phase: HabitatOperationPhase | null;
  region: string;
  departement: string;
  page: number;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return values.find((v) => v === value) ?? null;
}

function readFilters(params: URLSearchParams): Filters {
  const region = params.get('region') ?? '';
  const departement = (params.get('departement') ?? '').toUpperCase();
  const page = Number.parseInt(params.get('page') ?? '', 10);
  return {
    type: oneOf(HABITAT_OPERATION_TYPES, params.get('type')),
    phase: oneOf(HABITAT_OPERATION_PHASES, params.get('phase')),
    region: /^\d{2,3}$/.test(region) ? region : '',
    departement: /^(\d{2,3}|2[AB])$/.test(departement) ? departement : '',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

function search(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.type) params.set('type', filters.type);
  if (filters.phase) params.set('phase', filters.phase);
  if (filters.region) params.set('region', filters.region);
  if (filters.departement) params.set('departement', filters.departement);
  if (filters.page > 1) params.set('page', String(filters.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The national list of habitat operations (those of the user's territory), filtered, with its totals. */
export function OperationsHabitatView() {
  useDocumentTitle(TITLE);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const filters = readFilters(params);
  const list = useOperations({ ...filters, pvdId: '', pageSize: PAGE_SIZE });
  const change = (next: Partial<Filters>) => void navigate({ search: search({ ...filters, ...next, page: 1 }) }, { replace: true });
  const filtered = Boolean(filters.type || filters.phase || filters.region || filters.departement);

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
          <div className={fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-3')}>
            <ChoiceSelect className={fr.cx('fr-mb-0')} label="Type" name="type" choices={HABITAT_OPERATION_TYPES} labels={HABITAT_OPERATION_TYPE_LABELS} value={filters.type ?? ''} onChange={(type) => change({ type })} empty={{ label: 'Tous les types' }} />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-3')}>
            <ChoiceSelect className={fr.cx('fr-mb-0')} label="Phase" name="phase" choices={HABITAT_OPERATION_PHASES} labels={HABITAT_OPERATION_PHASE_LABELS} value={filters.phase ?? ''} onChange={(phase) => change({ phase })} empty={{ label: 'Toutes les phases' }} />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-3')}>
            <Select className={fr.cx('fr-mb-0')} label="Région" nativeSelectProps={{ name: 'region', value: filters.region, onChange: (e) => change({ region: e.currentTarget.value }) }}>
              <option value="">Toutes les régions</option>
              {filters.region && !list.data?.regions.some((r) => r.code === filters.region) && <option value={filters.region}>{filters.region}</option>}
              {list.data?.regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.nom}
                </option>
              ))}
            </Select>
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-3')}>
            <Select className={fr.cx('fr-mb-0')} label="Département" nativeSelectProps={{ name: 'departement', value: filters.departement, onChange: (e) => change({ departement: e.currentTarget.value }) }}>
              <option value="">Tous les départements</option>
              {filters.departement && !list.data?.departements.some((d) => d.code === filters.departement) && <option value={filters.departement}>{filters.departement}</option>}
              {list.data?.departements.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.code} – {d.nom}
                </option>
              ))}
            </Select>
          </div>
        </div>
        {filtered && (
          <p className={fr.cx('fr-mt-2w', 'fr-mb-0')}>
            <Link to="/operations-habitat">Effacer les filtres</Link>
          </p>
        )}
      </form>
      {list.isPending && <LoadingView label="Chargement des opérations…" />}
      {list.isError && <QueryErrorAlert title="Les opérations n’ont pas pu être chargées" error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <section aria-label="Opérations" aria-busy={list.isFetching}>
          <p role="status" aria-live="polite">
            {list.data.total === 0
              ? filtered
                ? 'Aucune opération ne correspond à ces filtres.'
                : 'Aucune opération d’habitat n’est encore enregistrée sur votre territoire.'
              : `${formatNumber(list.data.total)} opération${list.data.total > 1 ? 's' : ''}${filtered ? ' (filtrées)' : ''}.`}
          </p>
          {list.data.total > 0 && (
            <StatTiles
              label="Totaux de la sélection"
              items={[
                { label: list.data.totaux.operations > 1 ? 'Opérations' : 'Opération', value: list.data.totaux.operations },
                { label: list.data.totaux.communes > 1 ? 'Communes PVD couvertes' : 'Commune PVD couverte', value: list.data.totaux.communes },
                ...(list.data.totaux.communesHorsPvd > 0 ? [{ label: 'Autres communes couvertes (hors PVD)', value: list.data.totaux.communesHorsPvd }] : []),
                { label: 'Petites villes de demain couvertes', value: list.data.totaux.pvd },
              ]}
            />
          )}
          {list.data.items.length > 0 && <OperationsTable items={list.data.items} caption="Opérations d’habitat" />}
          {list.data.total > PAGE_SIZE && (
            <Pagination
              count={Math.ceil(list.data.total / PAGE_SIZE)}
              defaultPage={filters.page}
              showFirstLast
              getPageLinkProps={(page) => ({ to: search({ ...filters, page }) })}
            />
          )}
        </section>
      )}
    </>
  );
}

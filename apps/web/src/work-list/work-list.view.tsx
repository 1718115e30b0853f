import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import { PostesAlertesSection } from '../postes/postes-alertes.section';
import {
  CONVENTION_STATE_LABELS,
  WORK_LIST_MOTIF_LABELS,
  WORK_LIST_MOTIFS,
  type WorkListMotif,
} from '@suivi-pvd/domain';
import { formatNumber } from '@suivi-pvd/ui';
import { useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import {
  useTakeIntoInstruction,
  useWorkList,
  type WorkListCounts,
  type WorkListItem,
  type WorkListPage,
} from './data/work-list.hooks';
import { WorkListFiltersForm } from './work-list-filters';
import {
  filtersSearch,
  formatDays,
  formatShortDate,
  hasNarrowingFilters,
  readFilters,
  type WorkListFilters,
} from './work-list.params';

const PAGE_SIZE = 20;
const ALL_TAB = 'tous';

type BadgeSeverity = 'new' | 'info' | 'warning' | 'error';
const MOTIF_SEVERITY: Record<WorkListMotif, BadgeSeverity> = {
  a_instruire: 'new',
  en_instruction: 'info',
  a_completer_sans_reponse: 'warning',
  cadre_en_retard: 'error',
};

/** Tab labels: the shared ones, shortened where five tabs would not fit on one line. */
const TAB_LABELS: Record<WorkListMotif, string> = {
  ...WORK_LIST_MOTIF_LABELS,
  a_completer_sans_reponse: 'À compléter, sans réponse',
};

type Notice =
  | { kind: 'success'; item: WorkListItem }
  | { kind: 'error'; item: WorkListItem; error: unknown };

function totalOf(counts: WorkListCounts): number {
  return WORK_LIST_MOTIFS.reduce((sum, motif) => sum + counts[motif], 0);
}

/** « Convention-cadre – Ahun », to tell the rows' buttons and notices apart. */
function describe(item: WorkListItem): string {
  return `${item.titre} – ${item.pvdNom}`;
}

/** The préfecture's work list: conventions to take into instruction, to follow up, late ones. */
export function WorkListView() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readFilters(searchParams);
  useDocumentTitle(
    `Conventions à traiter${filters.motif ? ` : ${WORK_LIST_MOTIF_LABELS[filters.motif]}` : ''}${
      filters.page > 1 ? `, page ${filters.page}` : ''
    }`,
  );

  const list = useWorkList({ ...filters, pageSize: PAGE_SIZE });
  const take = useTakeIntoInstruction();
  const [notice, setNotice] = useState<Notice | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  /** `replace` while typing, so that Back does not replay every keystroke. */
  const update = (changes: Partial<WorkListFilters>, replace = false) => {
    setNotice(null);
    // Any new filter starts again from the first page.
    setSearchParams(filtersSearch({ ...filters, page: 1, ...changes }), { replace });
  };

  const takeIntoInstruction = (item: WorkListItem) => {
    if (!item.conventionId || item.version === null) return;
    setNotice(null);
    take.mutate(
      { conventionId: item.conventionId, version: item.version },
      {
        onSuccess: () => setNotice({ kind: 'success', item }),
        onError: (error) => setNotice({ kind: 'error', item, error }),
        // The row is gone (or changed): give the focus to the notice rather than losing it.
        onSettled: () => requestAnimationFrame(() => noticeRef.current?.focus()),
      },
    );
  };

  const counts = list.data?.parMotif;
  const tabLabel = (label: string, count: number | undefined) =>
    count === undefined ? label : `${label} (${formatNumber(count)})`;
  const tabs = [
    { tabId: ALL_TAB, label: tabLabel('Tous', counts && totalOf(counts)) },
    ...WORK_LIST_MOTIFS.map((motif) => ({
      tabId: motif,
      label: tabLabel(TAB_LABELS[motif], counts?.[motif]),
    })),
  ];

  return (
    <>
      <h1>Conventions à traiter</h1>
      <p className={fr.cx('fr-text--lead')}>
        Les conventions de votre territoire qui attendent une action de la préfecture, et les conventions-cadres
        en retard.
      </p>

      <WorkListFiltersForm filters={filters} onChange={update} />

      <div ref={noticeRef} tabIndex={-1} style={{ outline: 'none' }}>
        {notice?.kind === 'success' && (
          <Alert
            className={fr.cx('fr-mb-3w')}
            severity="success"
            role="status"
            small
            closable
            onClose={() => setNotice(null)}
            description={
              <>
                La convention « {notice.item.titre} » de {notice.item.pvdNom} est prise en instruction.{' '}
                {notice.item.conventionId && (
                  <Link to={`/conventions/${encodeURIComponent(notice.item.conventionId)}`}>Ouvrir la convention</Link>
                )}
              </>
            }
          />
        )}
        {notice?.kind === 'error' && (
          <QueryErrorAlert
            spacing="fr-mb-3w"
            title={`« ${describe(notice.item)} » n'a pas pu être prise en instruction`}
            error={notice.error}
          />
        )}
      </div>

      <Tabs
        label="Motifs"
        selectedTabId={filters.motif ?? ALL_TAB}
        tabs={tabs}
        onTabChange={(tabId: string) => update({ motif: WORK_LIST_MOTIFS.find((m) => m === tabId) ?? null })}
      >
        {list.isPending && <LoadingView label="Chargement des conventions à traiter…" />}
        {list.isError && (
          <QueryErrorAlert
            title="La liste des conventions à traiter n'a pas pu être chargée"
            error={list.error}
            onRetry={() => void list.refetch()}
          />
        )}
        {list.data && (
          <WorkListResults
            data={list.data}
            filters={filters}
            pendingId={take.isPending ? (take.variables.conventionId ?? null) : null}
            onTake={takeIntoInstruction}
            isFetching={list.isFetching}
            onClearFilters={() => update({ type: null, departement: '', q: '' })}
          />
        )}
      </Tabs>

      <PostesAlertesSection />
    </>
  );
}

function WorkListResults({
  data,
  filters,
  pendingId,
  onTake,
  isFetching,
  onClearFilters,
}: {
  data: WorkListPage;
  filters: WorkListFilters;
  pendingId: string | null;
  onTake: (item: WorkListItem) => void;
  isFetching: boolean;
  onClearFilters: () => void;
}) {
  const { items, total, pageSize } = data;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(filters.page, pageCount);
  const motifText = filters.motif ? ` – ${WORK_LIST_MOTIF_LABELS[filters.motif]}` : '';
  const narrowed = hasNarrowingFilters(filters);

  const summary =
    total === 0
      ? narrowed
        ? 'Aucune convention ne correspond à ces filtres.'
        : filters.motif
          ? 'Aucune convention pour ce motif : rien à traiter ici.'
          : 'Aucune convention à traiter : tout est à jour.'
      : `${formatNumber(total)} convention${total > 1 ? 's' : ''} à traiter${
          pageCount > 1 ? ` – page ${page} sur ${pageCount}` : ''
        }.`;

  return (
    <section aria-label="Conventions à traiter" aria-busy={isFetching}>
      <p role="status" aria-live="polite" className={fr.cx(total === 0 ? 'fr-mb-2w' : 'fr-mb-1w')}>
        {summary}
      </p>
      {total === 0 && narrowed && (
        <Button priority="secondary" size="small" onClick={onClearFilters}>
          Effacer les filtres
        </Button>
      )}
      {total > 0 && items.length === 0 && (
        <p>
          Cette page est vide.{' '}
          <Link to={filtersSearch({ ...filters, page: 1 })}>Revenir à la première page</Link>
        </p>
      )}
      {items.length > 0 && (
        <Table
          className={fr.cx('fr-mb-2w')}
          caption={`Conventions à traiter${motifText}`}
          noCaption
          bordered
          headers={['Petite ville de demain', 'Convention', 'État / motif', 'Depuis', 'Date limite', 'Action']}
          data={items.map((item) => row(item, pendingId, onTake))}
        />
      )}
      {pageCount > 1 && (
        <Pagination
          count={pageCount}
          defaultPage={page}
          showFirstLast
          getPageLinkProps={(pageNumber) => ({ to: filtersSearch({ ...filters, page: pageNumber }) })}
        />
      )}
    </section>
  );
}

function row(item: WorkListItem, pendingId: string | null, onTake: (item: WorkListItem) => void) {
  const key = `${item.motif}-${item.conventionId ?? item.pvdId}`;
  const canTake = item.actionsPossibles.includes('instruire') && item.conventionId !== null && item.version !== null;
  const pending = item.conventionId !== null && pendingId === item.conventionId;
  return [
    <span key={`${key}-pvd`}>
      <Link to={`/pvd/${encodeURIComponent(item.pvdId)}`}>{item.pvdNom}</Link>
      <span className={fr.cx('fr-text--xs')} style={{ display: 'block' }}>
        Département {item.departementCode}
      </span>
    </span>,
    item.conventionId ? (
      <Link key={`${key}-convention`} to={`/conventions/${encodeURIComponent(item.conventionId)}`}>
        {item.titre}
      </Link>
    ) : (
      <span key={`${key}-convention`}>
        {item.titre}
        <span className={fr.cx('fr-text--xs')} style={{ display: 'block' }}>
          Pas encore créée
        </span>
      </span>
    ),
    <span key={`${key}-etat`}>
      <Badge small noIcon severity={MOTIF_SEVERITY[item.motif]}>
        {item.etat ? CONVENTION_STATE_LABELS[item.etat] : 'Non créée'}
      </Badge>
      <span className={fr.cx('fr-text--xs')} style={{ display: 'block' }}>
        {WORK_LIST_MOTIF_LABELS[item.motif]}
      </span>
    </span>,
    <span key={`${key}-depuis`} style={{ whiteSpace: 'nowrap' }}>
      {formatShortDate(item.depuis) ?? '—'}
      <span className={fr.cx('fr-text--xs')} style={{ display: 'block' }}>
        {formatDays(item.jours)}
      </span>
    </span>,
    formatShortDate(item.dateLimite) ?? '—',
    canTake ? (
      <Button key={`${key}-action`} size="small" disabled={pending} onClick={() => onTake(item)}>
        {pending ? 'Prise en instruction…' : 'Prendre en instruction'}
        <span className={fr.cx('fr-sr-only')}> : {describe(item)}</span>
      </Button>
    ) : (
      <Link
        key={`${key}-action`}
        className={fr.cx('fr-link', 'fr-text--sm')}
        to={item.conventionId ? `/conventions/${encodeURIComponent(item.conventionId)}` : `/pvd/${encodeURIComponent(item.pvdId)}`}
      >
        Ouvrir<span className={fr.cx('fr-sr-only')}> : {describe(item)}</span>
      </Link>
    ),
  ];
}

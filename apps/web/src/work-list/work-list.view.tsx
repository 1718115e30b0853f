import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import { PostesAlertesSection } from '../postes/postes-alertes.section';
import {
  CONVENTION_STATE_LABELS,
  CONVENTION_TYPES,
  WORK_LIST_MOTIF_LABELS,
  WORK_LIST_MOTIFS,
  type WorkListMotif,
} from '@suivi-pvd/domain';
import { formatNumber } from '@suivi-pvd/ui';
import { useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useMe } from '../auth/data/session.hooks';
import { hasPermission } from '../auth/permissions';
import { useDocumentTitle } from '../app/use-document-title';
import { countOf, DataList, type ListColumn } from '../shared/data-list';
import { readDepartement, readers, useListParams } from '../shared/use-list-params';
import {
  useTakeIntoInstruction,
  useWorkList,
  type WorkListItem,
} from './data/work-list.hooks';
import { WorkListFiltersForm } from './work-list-filters';
import { filtersSearch, formatDays, formatShortDate, hasNarrowingFilters, readFilters, SORTS, type WorkListFilters } from './work-list.params';
import { DepartementNom } from '../referentiel/aire-nom';

const PAGE_SIZE = 20;
const LIST_FILTERS = { motif: readers.oneOf(WORK_LIST_MOTIFS), type: readers.oneOf(CONVENTION_TYPES), departement: readDepartement, q: readers.text(200) };
const LIST_SORTS = SORTS.map((s) => s.value);
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

/** « Convention-cadre – Ahun », to tell the rows' buttons and notices apart. */
function describe(item: WorkListItem): string {
  return `${item.titre} – ${item.pvdNom}`;
}

/** The préfecture's work list: conventions to take into instruction, to follow up, late ones. */
export function WorkListView() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readFilters(searchParams);
  // The préfecture instructs; the SGAR and the ANCT follow the same list read-only.
  const me = useMe().data;
  const instructs = hasPermission(me, 'convention:valider');
  const title = instructs ? 'Conventions à traiter' : 'Retards et conventions en attente';
  useDocumentTitle(
    `${title}${filters.motif ? ` : ${WORK_LIST_MOTIF_LABELS[filters.motif]}` : ''}${
      filters.page > 1 ? `, page ${filters.page}` : ''
    }`,
  );

  const list = useWorkList({ ...filters, pageSize: PAGE_SIZE });
  // The same URL read for the list component (pages, export with the current filters).
  const params = useListParams({ filters: LIST_FILTERS, sorts: LIST_SORTS });
  const narrowed = hasNarrowingFilters(filters);
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

  const columns = workListColumns(take.isPending ? (take.variables.conventionId ?? null) : null, takeIntoInstruction);
  const counts = list.data?.parMotif;
  const tabLabel = (label: string, count: number | undefined) =>
    count === undefined ? label : `${label} (${formatNumber(count)})`;
  const tabs = [
    // Distinct conventions: one with two reasons counts once here, and once under each reason.
    { tabId: ALL_TAB, label: tabLabel('Tous', list.data?.totalTousMotifs) },
    ...WORK_LIST_MOTIFS.map((motif) => ({
      tabId: motif,
      label: tabLabel(TAB_LABELS[motif], counts?.[motif]),
    })),
  ];

  return (
    <>
      <h1>{title}</h1>
      <p className={fr.cx('fr-text--lead')}>
        {instructs
          ? 'Les conventions de votre territoire qui attendent une action de la préfecture, et les conventions-cadres en retard.'
          : 'En lecture seule : les conventions de votre territoire qui attendent une action d’une préfecture, et les conventions-cadres en retard. Filtrez par région ou département pour suivre un territoire.'}
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
        {list.data?.total === 0 && narrowed && (
          <Button className={fr.cx('fr-mb-2w')} priority="secondary" size="small" onClick={() => update({ type: null, departement: '', q: '' })}>
            Effacer les filtres
          </Button>
        )}
        <DataList
          caption={`Conventions à traiter${filters.motif ? ` – ${WORK_LIST_MOTIF_LABELS[filters.motif]}` : ''}`}
          hideCaption
          label="Conventions à traiter"
          columns={columns}
          rowKey={(item) => item.conventionId ?? item.pvdId}
          params={params}
          query={list}
          count={countOf('convention à traiter', 'conventions à traiter')}
          empty={filters.motif ? 'Aucune convention pour ce motif : rien à traiter ici.' : 'Aucune convention à traiter : tout est à jour.'}
          emptyFiltered={narrowed ? 'Aucune convention ne correspond à ces filtres.' : 'Aucune convention pour ce motif : rien à traiter ici.'}
          loadingLabel="Chargement des conventions à traiter…"
          errorTitle="La liste des conventions à traiter n’a pas pu être chargée"
          exportTo={{
            listPath: '/api/conventions/a-traiter',
            what: 'les conventions à traiter',
            filters: { motif: filters.motif, type: filters.type, departement: filters.departement, q: filters.q, tri: filters.tri },
          }}
        />
      </Tabs>

      <PostesAlertesSection />
    </>
  );
}

/** The work list's columns; the action column takes a convention into instruction. */
function workListColumns(pendingId: string | null, onTake: (item: WorkListItem) => void): ListColumn<WorkListItem, never>[] {
  return [
    {
      key: 'pvd',
      header: 'Petite ville de demain',
      cell: (item) => (
        <>
          <Link to={`/pvd/${encodeURIComponent(item.pvdId)}`}>{item.pvdNom}</Link>
          <span className={fr.cx('fr-text--xs')} style={{ display: 'block' }}>
            <DepartementNom code={item.departementCode} />
          </span>
        </>
      ),
    },
    {
      key: 'convention',
      header: 'Convention',
      cell: (item) =>
        item.conventionId ? (
          <Link to={`/conventions/${encodeURIComponent(item.conventionId)}`}>{item.titre}</Link>
        ) : (
          <>
            {item.titre}
            <span className={fr.cx('fr-text--xs')} style={{ display: 'block' }}>
              Pas encore créée
            </span>
          </>
        ),
    },
    {
      key: 'etat',
      header: 'État / motif',
      cell: (item) => (
        <>
          <Badge small noIcon severity={MOTIF_SEVERITY[item.motifs[0]]}>
            {item.etat ? CONVENTION_STATE_LABELS[item.etat] : 'Non créée'}
          </Badge>
          {item.motifs.map((motif) => (
            <span key={motif} className={fr.cx('fr-text--xs')} style={{ display: 'block' }}>
              {WORK_LIST_MOTIF_LABELS[motif]}
            </span>
          ))}
        </>
      ),
    },
    {
      key: 'depuis',
      header: 'Depuis',
      cell: (item) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {formatShortDate(item.depuis) ?? '—'}
          <span className={fr.cx('fr-text--xs')} style={{ display: 'block' }}>
            {formatDays(item.jours)}
          </span>
        </span>
      ),
    },
    { key: 'limite', header: 'Date limite', cell: (item) => formatShortDate(item.dateLimite) ?? '—' },
    {
      key: 'action',
      header: 'Action',
      cell: (item) => {
        const canTake = item.actionsPossibles.includes('instruire') && item.conventionId !== null && item.version !== null;
        const pending = item.conventionId !== null && pendingId === item.conventionId;
        return canTake ? (
          <Button size="small" disabled={pending} onClick={() => onTake(item)}>
            {pending ? 'Prise en instruction…' : 'Prendre en instruction'}
            <span className={fr.cx('fr-sr-only')}> : {describe(item)}</span>
          </Button>
        ) : (
          <Link
            className={fr.cx('fr-link', 'fr-text--sm')}
            to={item.conventionId ? `/conventions/${encodeURIComponent(item.conventionId)}` : `/pvd/${encodeURIComponent(item.pvdId)}`}
          >
            Ouvrir<span className={fr.cx('fr-sr-only')}> : {describe(item)}</span>
          </Link>
        );
      },
    },
  ];
}

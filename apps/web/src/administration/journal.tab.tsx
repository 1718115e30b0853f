import { fr } from '@codegouvfr/react-dsfr';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { formatDateTime } from '@suivi-pvd/ui';
import { Link, useSearchParams } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { JOURNAL_FAMILIES } from './administration-labels';
import { AuditChangeList } from '../shared/audit-change-list';
import { ExportLinks } from '../shared/export-links';
import { useJournal, type AuditEntry } from './data/journal.hooks';
import { readPage, tabSearch } from './search-form';

function readFamily(value: string | null): string {
  return JOURNAL_FAMILIES.some((family) => family.value === value) ? (value ?? '') : '';
}

/** What the entry changed, in words, folded: the API names each field and resolves each id. */
function Details({ entry }: { entry: AuditEntry }) {
  if (entry.changes.length === 0) return <>—</>;
  return (
    <details>
      <summary className={fr.cx('fr-text--sm')}>
        Voir le détail<span className={fr.cx('fr-sr-only')}> de l'entrée du {formatDateTime(entry.at)}</span>
      </summary>
      <AuditChangeList changes={entry.changes} />
    </details>
  );
}

/** The target of an entry, and the dossier it belongs to. */
function Target({ entry }: { entry: AuditEntry }) {
  return (
    <>
      {entry.objet}
      {entry.dossier && (
        <>
          <br />
          <span className={fr.cx('fr-text--xs')}>Dossier : {entry.dossier}</span>
        </>
      )}
    </>
  );
}

/** Audit log of sign-ins and account changes, most recent first. */
export function JournalTab() {
  const [searchParams, setSearchParams] = useSearchParams();
  const action = readFamily(searchParams.get('action'));
  const page = readPage(searchParams.get('page'));
  const journal = useJournal({ action, page });
  const family = JOURNAL_FAMILIES.find((f) => f.value === action) ?? JOURNAL_FAMILIES[0];

  return (
    <>
      <h2 className={fr.cx('fr-h4')}>Journal</h2>
      <Select
        label="Type d'actions"
        hint="Le tableau se met à jour dès le choix."
        nativeSelectProps={{
          name: 'action',
          value: action,
          onChange: (event) =>
            setSearchParams(tabSearch(searchParams, { action: event.currentTarget.value, page: null })),
          style: { maxWidth: '24rem' },
        }}
      >
        {JOURNAL_FAMILIES.map((f) => (
          <option key={f.value} value={f.value}>
            {f.label}
          </option>
        ))}
      </Select>
      <ExportLinks listPath="/api/journal" filters={{ action }} what="le journal" />
      {journal.isPending && <LoadingView label="Chargement du journal…" />}
      {journal.isError && (
        <QueryErrorAlert
          title="Le journal n'a pas pu être chargé"
          error={journal.error}
          onRetry={() => void journal.refetch()}
        />
      )}
      {journal.data && (
        <section aria-busy={journal.isFetching} aria-label="Entrées du journal">
          <p role="status" aria-live="polite">
            {journal.data.items.length === 0
              ? 'Aucune entrée.'
              : `${family.label} – page ${page}, du plus récent au plus ancien.`}
          </p>
          {journal.data.items.length > 0 && (
            <Table
              caption="Journal des actions"
              noCaption
              bordered
              headers={['Date et heure', 'Action', 'Auteur', 'Cible', 'Adresse IP', 'Détail']}
              data={journal.data.items.map((entry) => [
                formatDateTime(entry.at) ?? entry.at,
                entry.actionLibelle,
                entry.auteur,
                <Target key="cible" entry={entry} />,
                entry.ip ?? '—',
                <Details key="detail" entry={entry} />,
              ])}
            />
          )}
          <nav role="navigation" aria-label="Pages du journal" className={fr.cx('fr-mt-2w')}>
            <ul style={{ display: 'flex', gap: '1rem', listStyle: 'none', paddingLeft: 0 }}>
              {page > 1 && (
                <li>
                  <Link
                    className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-btn--sm', 'fr-icon-arrow-left-s-line', 'fr-btn--icon-left')}
                    to={tabSearch(searchParams, { page: page - 1 })}
                  >
                    Entrées plus récentes
                  </Link>
                </li>
              )}
              {journal.data.items.length >= journal.data.pageSize && (
                <li>
                  <Link
                    className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-btn--sm', 'fr-icon-arrow-right-s-line', 'fr-btn--icon-right')}
                    to={tabSearch(searchParams, { page: page + 1 })}
                  >
                    Entrées plus anciennes
                  </Link>
                </li>
              )}
            </ul>
          </nav>
        </section>
      )}
    </>
  );
}

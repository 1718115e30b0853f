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
import { tabSearch } from './search-form';

function readFamily(value: string | null): string {
  return JOURNAL_FAMILIES.some((family) => family.value === value) ? (value ?? '') : '';
}

/** A cursor from the URL (an entry's id), or null. */
function readCursor(value: string | null): string | null {
  return value && /^[1-9]\d{0,17}$/.test(value) ? value : null;
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

/**
 * Audit log of sign-ins and account changes, most recent first, paged by cursor (`avant`, `apres`
 * in the URL): a page deep in a million entries costs what the first one does.
 */
export function JournalTab() {
  const [searchParams, setSearchParams] = useSearchParams();
  const action = readFamily(searchParams.get('action'));
  const avant = readCursor(searchParams.get('avant'));
  const apres = avant ? null : readCursor(searchParams.get('apres'));
  const journal = useJournal({ action, avant, apres });
  const move = (changes: { avant?: string | null; apres?: string | null }) =>
    tabSearch(searchParams, { page: null, avant: null, apres: null, ...changes });
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
            setSearchParams(tabSearch(searchParams, { action: event.currentTarget.value, page: null, avant: null, apres: null })),
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
              : journal.data.precedent === null
                ? `${family.label} – les plus récentes, du plus récent au plus ancien.`
                : `${family.label} – du ${formatDateTime(journal.data.items[0].at)} au ${formatDateTime(journal.data.items[journal.data.items.length - 1].at)}, du plus récent au plus ancien.`}
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
              {journal.data.precedent !== null && (
                <>
                  <li>
                    <Link className={fr.cx('fr-btn', 'fr-btn--tertiary', 'fr-btn--sm')} to={move({})}>
                      Entrées les plus récentes
                    </Link>
                  </li>
                  <li>
                    <Link
                      className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-btn--sm', 'fr-icon-arrow-left-s-line', 'fr-btn--icon-left')}
                      to={move({ apres: journal.data.precedent })}
                    >
                      Entrées plus récentes
                    </Link>
                  </li>
                </>
              )}
              {journal.data.suivant !== null && (
                <li>
                  <Link
                    className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-btn--sm', 'fr-icon-arrow-right-s-line', 'fr-btn--icon-right')}
                    to={move({ avant: journal.data.suivant })}
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

import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { formatAt } from '../conventions/convention-format';
import { AuditChangeList } from '../shared/audit-change-list';
import { ExportLinks } from '../shared/export-links';
import { useDossierHistory, type HistoryEntry } from './data/dossier.hooks';

const PAGE_SIZE = 10;

/** Who changed what in the dossier, most recent first, page by page. */
export function HistorySection({ pvdId }: { pvdId: string }) {
  const [page, setPage] = useState(1);
  const history = useDossierHistory(pvdId, page, PAGE_SIZE);
  const pageCount = history.data ? Math.max(1, Math.ceil(history.data.total / history.data.pageSize)) : 1;

  return (
    <section aria-labelledby="historique-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="historique-titre" className={fr.cx('fr-h3')}>
        Historique des modifications
      </h2>
      {history.isPending ? (
        <LoadingView label="Chargement de l'historique…" />
      ) : history.isError ? (
        <QueryErrorAlert error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.items.length === 0 ? (
        <p>Aucune modification enregistrée pour le moment.</p>
      ) : (
        <>
          <ExportLinks listPath={`/api/pvd/${encodeURIComponent(pvdId)}/historique`} filters={{}} what="l’historique du dossier" />
          <p className={fr.cx('fr-text--sm')} aria-live="polite">
            {history.data.total} modification{history.data.total > 1 ? 's' : ''}, de la plus récente à la plus ancienne – page {page} sur{' '}
            {pageCount}.
          </p>
          <ol className={fr.cx('fr-raw-list')} aria-label="Modifications du dossier" start={(page - 1) * PAGE_SIZE + 1}>
            {history.data.items.map((entry) => (
              <HistoryItem key={entry.id} entry={entry} />
            ))}
          </ol>
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--sm', 'fr-btns-group--icon-left')}>
            <li>
              <Button
                priority="secondary"
                iconId="fr-icon-arrow-left-s-line"
                disabled={page <= 1 || history.isFetching}
                onClick={() => setPage((p) => p - 1)}
              >
                Modifications plus récentes
              </Button>
            </li>
            <li>
              <Button
                priority="secondary"
                iconId="fr-icon-arrow-right-s-line"
                disabled={page >= pageCount || history.isFetching}
                onClick={() => setPage((p) => p + 1)}
              >
                Modifications plus anciennes
              </Button>
            </li>
          </ul>
        </>
      )}
    </section>
  );
}

/** One entry: what changed, when and by whom, then each field altered, in words (the API words them). */
function HistoryItem({ entry }: { entry: HistoryEntry }) {
  return (
    <li className={fr.cx('fr-py-2w')} style={{ borderBottom: `1px solid ${fr.colors.decisions.border.default.grey.default}` }}>
      <p className={fr.cx('fr-mb-1v')}>
        <strong>{entry.objet}</strong> – {entry.actionLibelle}, le {formatAt(entry.at)}, par {entry.auteur}
      </p>
      {entry.changes.length > 0 && <AuditChangeList changes={entry.changes} />}
    </li>
  );
}

import { fr } from '@codegouvfr/react-dsfr';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { formatDateTime, formatNumber } from '@suivi-pvd/ui';
import { Link } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { usePvdImports } from './data/pvd-imports.hooks';
import { formatLabel } from './pvd-import-labels';
import { REPORT_PARAM } from './pvd-import-report.view';

/** Previous imports, each with a link that opens its report on this page. */
export function PvdImportHistorySection({
  selectedId,
  onOpen,
}: {
  selectedId: string | null;
  onOpen: () => void;
}) {
  const imports = usePvdImports();

  return (
    <section aria-labelledby="historique-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="historique-titre">Historique des imports</h2>
      {imports.isPending && <LoadingView label="Chargement de l'historique…" />}
      {imports.isError && (
        <QueryErrorAlert
          title="L'historique n'a pas pu être chargé"
          error={imports.error}
          onRetry={() => void imports.refetch()}
        />
      )}
      {imports.data?.length === 0 && <p>Aucun import n'a encore été réalisé.</p>}
      {imports.data && imports.data.length > 0 && (
        <Table
          caption="Imports précédents de la liste PVD, du plus récent au plus ancien"
          noCaption
          bordered
          headers={[
            'Date',
            'Fichier',
            'Statut',
            'Format',
            'Importé par',
            'Lignes lues',
            'Ajoutées',
            'Mises à jour',
            'Inchangées',
            'Rejetées',
            'Rapport',
          ]}
          data={imports.data.map((item) => {
            const when = formatDateTime(item.importedAt) ?? item.importedAt;
            const isSelected = item.id === selectedId;
            return [
              when,
              item.fileName,
              item.statut === 'apercu' ? 'Aperçu non confirmé' : 'Appliqué',
              formatLabel(item.format),
              item.importedBy ?? '—',
              formatNumber(item.totalLines),
              formatNumber(item.created),
              formatNumber(item.updated),
              formatNumber(item.unchanged),
              formatNumber(item.rejected),
              isSelected ? (
                <span key="r" aria-current="true">
                  Affiché ci-dessus
                </span>
              ) : (
                <Link
                  key="r"
                  to={`?${REPORT_PARAM}=${encodeURIComponent(item.id)}`}
                  preventScrollReset
                  onClick={onOpen}
                >
                  Voir le rapport
                  <span className={fr.cx('fr-sr-only')}>
                    {' '}
                    de l'import du {when} ({item.fileName})
                  </span>
                </Link>
              ),
            ];
          })}
        />
      )}
    </section>
  );
}

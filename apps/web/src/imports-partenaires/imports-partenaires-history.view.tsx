import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { IMPORT_PARTENAIRE_STATUT_LABELS, IMPORT_PARTENAIRE_TYPE_LABELS } from '@suivi-pvd/domain';
import { formatDateTime, formatNumber } from '@suivi-pvd/ui';
import { Link } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useImportsPartenaires, type ImportPartenaireResume } from './data/imports-partenaires.hooks';
import { IMPORT_PARAM } from './imports-partenaires-report.view';

const SEVERITY = { en_attente: 'info', en_cours: 'info', termine: 'success', echoue: 'error' } as const;

function StatutBadge({ item }: { item: ImportPartenaireResume }) {
  return (
    <Badge as="span" severity={SEVERITY[item.statut]} small noIcon>
      {IMPORT_PARTENAIRE_STATUT_LABELS[item.statut]}
    </Badge>
  );
}

/** The organisation's previous imports, each opening its report on this page. */
export function ImportPartenaireHistorySection({ selectedId, onOpen }: { selectedId: string | null; onOpen: () => void }) {
  const imports = useImportsPartenaires();
  return (
    <section aria-labelledby="historique-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="historique-titre">Historique des imports de votre organisation</h2>
      {imports.isPending && <LoadingView label="Chargement de l’historique…" />}
      {imports.isError && <QueryErrorAlert title="L’historique n’a pas pu être chargé" error={imports.error} onRetry={() => void imports.refetch()} />}
      {imports.data?.length === 0 && <p>Aucun import n’a encore été réalisé.</p>}
      {imports.data && imports.data.length > 0 && (
        <Table
          caption="Imports précédents, du plus récent au plus ancien"
          noCaption
          bordered
          headers={['Date', 'Données', 'Fichier', 'Statut', 'Lignes', 'Créées', 'Mises à jour', 'Inchangées', 'Rejetées', 'Rapport']}
          data={imports.data.map((item) => {
            const when = formatDateTime(item.creeLe) ?? item.creeLe;
            return [
              when,
              IMPORT_PARTENAIRE_TYPE_LABELS[item.type],
              item.nomFichier,
              <StatutBadge key="s" item={item} />,
              formatNumber(item.totalLignes),
              formatNumber(item.crees),
              formatNumber(item.misAJour),
              formatNumber(item.inchanges),
              formatNumber(item.rejetes),
              item.id === selectedId ? (
                <span key="r" aria-current="true">
                  Affiché ci-dessus
                </span>
              ) : (
                <Link key="r" to={`?type=${item.type}&${IMPORT_PARAM}=${encodeURIComponent(item.id)}`} preventScrollReset onClick={onOpen}>
                  Voir le rapport
                  <span className={fr.cx('fr-sr-only')}>
                    {' '}
                    de l’import du {when} ({item.nomFichier})
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

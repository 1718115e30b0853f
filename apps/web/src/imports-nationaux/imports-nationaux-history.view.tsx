import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { NATIONAL_IMPORT_STATUT_LABELS, NATIONAL_IMPORT_TYPE_LABELS, type NationalImportStatut } from '@suivi-pvd/domain';
import { formatDateTime, formatNumber } from '@suivi-pvd/ui';
import { Link } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useImportsNationaux } from './data/imports-nationaux.hooks';
import { IMPORT_PARAM } from './imports-nationaux-report.view';

const SEVERITY: Record<NationalImportStatut, 'info' | 'success' | 'error' | 'new'> = { apercu: 'new', en_attente: 'info', en_cours: 'info', termine: 'success', echoue: 'error' };

/** The national imports, newest first, each opening its preview or report on this page. */
export function ImportNationalHistorySection({ selectedId, onOpen }: { selectedId: string | null; onOpen: () => void }) {
  const imports = useImportsNationaux();
  return (
    <section aria-labelledby="historique-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="historique-titre">Historique des imports nationaux</h2>
      {imports.isPending && <LoadingView label="Chargement de l’historique…" />}
      {imports.isError && <QueryErrorAlert title="L’historique n’a pas pu être chargé" error={imports.error} onRetry={() => void imports.refetch()} />}
      {imports.data?.length === 0 && <p>Aucun import national n’a encore été réalisé.</p>}
      {imports.data && imports.data.length > 0 && (
        <Table
          caption="Imports nationaux, du plus récent au plus ancien (50 au plus)"
          noCaption
          bordered
          headers={['Date', 'Données', 'Fichier', 'Statut', 'Lignes', 'Créées', 'Mises à jour', 'Inchangées', 'Rejetées', 'Par', 'Détail']}
          data={imports.data.map((item) => {
            const when = formatDateTime(item.creeLe) ?? item.creeLe;
            const params = new URLSearchParams({ type: item.type, [IMPORT_PARAM]: item.id });
            return [
              when,
              `${NATIONAL_IMPORT_TYPE_LABELS[item.type]}${item.demarcheNom ? ` (${item.demarcheNom})` : ''}`,
              item.nomFichier,
              <Badge key="s" as="span" severity={SEVERITY[item.statut]} small noIcon>
                {NATIONAL_IMPORT_STATUT_LABELS[item.statut]}
              </Badge>,
              formatNumber(item.totalLignes),
              formatNumber(item.crees),
              formatNumber(item.misAJour),
              formatNumber(item.inchanges),
              formatNumber(item.rejetes),
              item.auteur ?? '—',
              item.id === selectedId ? (
                <span key="r" aria-current="true">
                  Affiché ci-dessus
                </span>
              ) : (
                <Link key="r" to={`?${params.toString()}`} preventScrollReset onClick={onOpen}>
                  {item.statut === 'apercu' ? 'Voir l’aperçu' : 'Voir le rapport'}
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

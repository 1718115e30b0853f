import { fr } from '@codegouvfr/react-dsfr';
import { formatDateTime, formatNumber } from '@suivi-pvd/ui';
import { Link } from 'react-router';
import { countOf, DataList, wholeList, type ListColumn } from '../shared/data-list';
import { useListParams } from '../shared/use-list-params';
import { usePvdImports, type PvdImportSummary } from './data/pvd-imports.hooks';
import { formatLabel } from './pvd-import-labels';
import { REPORT_PARAM } from './pvd-import-report.view';

const NO_FILTERS = {};
const count = (value: number) => formatNumber(value);

/** Previous imports, each with a link that opens its report on this page. */
export function PvdImportHistorySection({ selectedId, onOpen }: { selectedId: string | null; onOpen: () => void }) {
  const imports = usePvdImports();
  const params = useListParams({ filters: NO_FILTERS });
  const columns: ListColumn<PvdImportSummary, never>[] = [
    { key: 'date', header: 'Date', cell: (item) => formatDateTime(item.importedAt) ?? item.importedAt },
    { key: 'fichier', header: 'Fichier', cell: (item) => item.fileName },
    { key: 'statut', header: 'Statut', cell: (item) => (item.statut === 'apercu' ? 'Aperçu non confirmé' : 'Appliqué') },
    { key: 'format', header: 'Format', cell: (item) => formatLabel(item.format) },
    { key: 'par', header: 'Importé par', cell: (item) => item.importedBy ?? '—' },
    { key: 'lignes', header: 'Lignes lues', numeric: true, cell: (item) => count(item.totalLines) },
    { key: 'crees', header: 'Ajoutées', numeric: true, cell: (item) => count(item.created) },
    { key: 'maj', header: 'Mises à jour', numeric: true, cell: (item) => count(item.updated) },
    { key: 'inchanges', header: 'Inchangées', numeric: true, cell: (item) => count(item.unchanged) },
    { key: 'rejetes', header: 'Rejetées', numeric: true, cell: (item) => count(item.rejected) },
    {
      key: 'rapport',
      header: 'Rapport',
      cell: (item) =>
        item.id === selectedId ? (
          <span aria-current="true">Affiché ci-dessus</span>
        ) : (
          <Link to={`?${REPORT_PARAM}=${encodeURIComponent(item.id)}`} preventScrollReset onClick={onOpen}>
            Voir le rapport
            <span className={fr.cx('fr-sr-only')}>
              {' '}
              de l’import du {formatDateTime(item.importedAt) ?? item.importedAt} ({item.fileName})
            </span>
          </Link>
        ),
    },
  ];

  return (
    <section aria-labelledby="historique-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="historique-titre">Historique des imports</h2>
      <DataList
        caption="Imports précédents de la liste PVD, du plus récent au plus ancien"
        hideCaption
        columns={columns}
        rowKey={(item) => item.id}
        params={params}
        query={wholeList(imports)}
        count={countOf('import', 'imports')}
        empty="Aucun import n’a encore été réalisé."
        loadingLabel="Chargement de l’historique…"
        errorTitle="L’historique n’a pas pu être chargé"
        exportTo={{ listPath: '/api/pvd/imports', what: 'l’historique des imports de la liste PVD' }}
      />
    </section>
  );
}

import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { IMPORT_PARTENAIRE_STATUT_LABELS, IMPORT_PARTENAIRE_TYPE_LABELS } from '@suivi-pvd/domain';
import { formatDateTime, formatNumber } from '@suivi-pvd/ui';
import { Link } from 'react-router';
import { countOf, DataList, wholeList, type ListColumn } from '../shared/data-list';
import { useListParams } from '../shared/use-list-params';
import { useImportsPartenaires, type ImportPartenaireResume } from './data/imports-partenaires.hooks';
import { IMPORT_PARAM } from './imports-partenaires-report.view';

const SEVERITY = { en_attente: 'info', en_cours: 'info', termine: 'success', echoue: 'error' } as const;
const NO_FILTERS = {};

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
  const params = useListParams({ filters: NO_FILTERS });
  const columns: ListColumn<ImportPartenaireResume, never>[] = [
    { key: 'date', header: 'Date', cell: (item) => formatDateTime(item.creeLe) ?? item.creeLe },
    { key: 'type', header: 'Données', cell: (item) => IMPORT_PARTENAIRE_TYPE_LABELS[item.type] },
    { key: 'fichier', header: 'Fichier', cell: (item) => item.nomFichier },
    { key: 'statut', header: 'Statut', cell: (item) => <StatutBadge item={item} /> },
    { key: 'lignes', header: 'Lignes', numeric: true, cell: (item) => formatNumber(item.totalLignes) },
    { key: 'crees', header: 'Créées', numeric: true, cell: (item) => formatNumber(item.crees) },
    { key: 'maj', header: 'Mises à jour', numeric: true, cell: (item) => formatNumber(item.misAJour) },
    { key: 'inchanges', header: 'Inchangées', numeric: true, cell: (item) => formatNumber(item.inchanges) },
    { key: 'rejetes', header: 'Rejetées', numeric: true, cell: (item) => formatNumber(item.rejetes) },
    {
      key: 'rapport',
      header: 'Rapport',
      cell: (item) =>
        item.id === selectedId ? (
          <span aria-current="true">Affiché ci-dessus</span>
        ) : (
          <Link to={`?type=${item.type}&${IMPORT_PARAM}=${encodeURIComponent(item.id)}`} preventScrollReset onClick={onOpen}>
            Voir le rapport
            <span className={fr.cx('fr-sr-only')}>
              {' '}
              de l’import du {formatDateTime(item.creeLe) ?? item.creeLe} ({item.nomFichier})
            </span>
          </Link>
        ),
    },
  ];

  return (
    <section aria-labelledby="historique-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="historique-titre">Historique des imports de votre organisation</h2>
      <DataList
        caption="Imports précédents, du plus récent au plus ancien"
        hideCaption
        columns={columns}
        rowKey={(item) => item.id}
        params={params}
        query={wholeList(imports)}
        count={countOf('import', 'imports')}
        empty="Aucun import n’a encore été réalisé."
        loadingLabel="Chargement de l’historique…"
        errorTitle="L’historique n’a pas pu être chargé"
        exportTo={{ listPath: '/api/imports-partenaires', what: 'l’historique des imports de votre organisation' }}
      />
    </section>
  );
}

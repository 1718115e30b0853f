import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { POSTE_ALERTE_CODES, POSTE_ALERTE_LABELS, type PosteAlerteCode } from '@suivi-pvd/domain';
import { formatNumber } from '@suivi-pvd/ui';
import { Link } from 'react-router';
import { countOf, DataList, type ListColumn } from '../shared/data-list';
import { readers, useListParams } from '../shared/use-list-params';
import { usePostesAlertes, type PosteAlerteItem } from './data/postes.hooks';
import { DepartementNom } from '../referentiel/aire-nom';

const PAGE_SIZE = 10;

/** Short labels for the filter buttons. */
const SHORT_LABELS: Record<PosteAlerteCode, string> = {
  POSTE_VACANT: 'Vacants depuis plus de 3 mois',
  DEMANDE_ANNUELLE_MANQUANTE: 'Demande annuelle manquante',
  FIN_COFINANCEMENT_PROCHE: 'Cofinancement qui s’achève',
};

const FILTERS = { alerte: readers.oneOf(POSTE_ALERTE_CODES) };

const COLUMNS: ListColumn<PosteAlerteItem, never>[] = [
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
  { key: 'poste', header: 'Poste', cell: (item) => <Link to={`/postes/${encodeURIComponent(item.posteId)}`}>{item.intitule}</Link> },
  {
    key: 'motif',
    header: 'Motif',
    cell: (item) => (
      <Badge small noIcon severity={item.alerte.niveau}>
        {SHORT_LABELS[item.alerte.code]}
      </Badge>
    ),
  },
  { key: 'detail', header: 'Détail', cell: (item) => item.alerte.message },
];

/**
 * The chef de projet posts of the territory that need the préfecture's attention: vacant for more
 * than 3 months, yearly request missing, co-financing ending within 6 months. Its filter and page
 * live in the URL under their own keys (`alerte`, `pagePostes`), apart from the page around it.
 */
export function PostesAlertesSection() {
  const params = useListParams({ filters: FILTERS, pageKey: 'pagePostes' });
  const code = params.filters.alerte || null;
  const list = usePostesAlertes({ code, page: params.page, pageSize: PAGE_SIZE });

  const counts = list.data?.parMotif;
  const all = counts ? POSTE_ALERTE_CODES.reduce((sum, c) => sum + counts[c], 0) : undefined;
  const filters: { value: PosteAlerteCode | null; label: string; count: number | undefined }[] = [
    { value: null, label: 'Tous les motifs', count: all },
    ...POSTE_ALERTE_CODES.map((c) => ({ value: c, label: SHORT_LABELS[c], count: counts?.[c] })),
  ];

  return (
    <section aria-labelledby="postes-alertes-titre" className={fr.cx('fr-mt-6w', 'fr-mb-4w')}>
      <h2 id="postes-alertes-titre" className={fr.cx('fr-h3')}>
        Postes de chef de projet à suivre
      </h2>
      <p>Les postes vacants depuis plus de 3 mois, les demandes de cofinancement annuelles non déposées et les cofinancements qui s’achèvent dans moins de 6 mois.</p>
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--sm')} aria-label="Filtrer par motif">
        {filters.map((f) => {
          const pressed = f.value === code;
          return (
            <li key={f.value ?? 'tous'}>
              <Button type="button" size="small" priority={pressed ? 'primary' : 'secondary'} nativeButtonProps={{ 'aria-pressed': pressed }} onClick={() => params.setFilters({ alerte: f.value ?? '' }, { replace: true })}>
                {f.label}
                {f.count === undefined ? '' : ` (${formatNumber(f.count)})`}
              </Button>
            </li>
          );
        })}
      </ul>
      <DataList
        caption="Postes de chef de projet à suivre"
        hideCaption
        label="Postes à suivre"
        columns={COLUMNS}
        rowKey={(item) => `${item.posteId}-${item.alerte.code}-${item.alerte.date}`}
        params={params}
        query={list}
        count={(total) => `${countOf('point d’attention', 'points d’attention')(total)}${code ? ` – ${POSTE_ALERTE_LABELS[code]}` : ''}`}
        empty="Aucun poste de chef de projet à suivre : tout est à jour."
        emptyFiltered="Aucun poste pour ce motif."
        loadingLabel="Chargement des postes à suivre…"
        errorTitle="La liste des postes à suivre n’a pas pu être chargée"
        exportTo={{ listPath: '/api/postes/alertes', what: 'les postes à suivre', filters: { code: code ?? undefined } }}
      />
    </section>
  );
}

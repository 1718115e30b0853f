import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { CLUB_EVENEMENT_STATUT_LABELS, CLUB_EVENEMENT_STATUTS, CLUB_EVENEMENT_TYPE_LABELS, CLUB_EVENEMENT_TYPES } from '@suivi-pvd/domain';
import { ChoiceSelect } from '@suivi-pvd/ui';
import { Link } from 'react-router';
import { useDocumentTitle } from '../app/use-document-title';
import { countOf, DataList, type ListColumn } from '../shared/data-list';
import { readers, useListParams } from '../shared/use-list-params';
import { formatOu, formatPlaces, formatQuand } from './club-format';
import { useOrganisationEvenements, type EvenementSummary } from './data/club.hooks';
import { StatutEvenementBadge } from './inscription.badge';

const PAGE_SIZE = 20;
const FILTERS = { type: readers.oneOf(CLUB_EVENEMENT_TYPES), statut: readers.oneOf(CLUB_EVENEMENT_STATUTS) };

const COLUMNS: ListColumn<EvenementSummary, never>[] = [
  { key: 'quand', header: 'Date', cell: (e) => formatQuand(e) },
  {
    key: 'titre',
    header: 'Événement',
    cell: (e) => (
      <>
        <span className={fr.cx('fr-text--xs', 'fr-mb-0')} style={{ display: 'block' }}>
          {CLUB_EVENEMENT_TYPE_LABELS[e.type]}
        </span>
        <Link to={`/club/evenements/${e.id}`}>{e.titre}</Link> <StatutEvenementBadge statut={e.statut} small />
      </>
    ),
  },
  { key: 'ou', header: 'Lieu', cell: (e) => formatOu(e) },
  { key: 'organisateur', header: 'Organisateur', cell: (e) => e.organisateurNom },
  { key: 'places', header: 'Inscriptions', cell: (e) => formatPlaces(e) },
];

/** « Organiser » : the events one organises (drafts included), and creating one; a préfecture records its club's meetings here. */
export function OrganisationView() {
  const params = useListParams({ filters: FILTERS });
  const { filters } = params;
  useDocumentTitle('Mes événements organisés – Club');
  const list = useOrganisationEvenements({ type: filters.type, statut: filters.statut, page: params.page, pageSize: PAGE_SIZE });
  const organisateurs = list.data?.organisateurs ?? [];
  const prefecture = organisateurs.some((o) => o.organisationType === 'prefecture');
  return (
    <>
      <Breadcrumb currentPageLabel="Mes événements organisés" homeLinkProps={{ to: '/' }} segments={[{ label: 'Agenda du Club', linkProps: { to: '/club/agenda' } }]} />
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: '0 1rem' }}>
        <h1>Mes événements organisés</h1>
        <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left', 'fr-mb-3w')}>
          {prefecture && (
            <Button priority="secondary" iconId="fr-icon-team-line" linkProps={{ to: '/club/organisation/nouveau?type=club_departemental' }}>
              Enregistrer une réunion du club départemental
            </Button>
          )}
          <Button iconId="fr-icon-add-line" linkProps={{ to: '/club/organisation/nouveau' }}>
            Créer un événement
          </Button>
        </div>
      </div>
      <p className={fr.cx('fr-text--lead')}>
        {organisateurs.length > 0 ? `Au nom de : ${organisateurs.map((o) => o.organisationNom).join(', ')}.` : 'Les événements que votre organisation organise.'}
      </p>
      <form role="search" aria-label="Filtrer mes événements" onSubmit={(e) => e.preventDefault()} className={fr.cx('fr-mb-4w')}>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          <div className={fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-4')}>
            <ChoiceSelect
              className={fr.cx('fr-mb-0')}
              label="Type"
              name="type"
              choices={CLUB_EVENEMENT_TYPES}
              labels={CLUB_EVENEMENT_TYPE_LABELS}
              value={filters.type}
              onChange={(type) => params.setFilters({ type: type ?? '' })}
              empty={{ label: 'Tous les types' }}
            />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-4')}>
            <ChoiceSelect
              className={fr.cx('fr-mb-0')}
              label="Statut"
              name="statut"
              choices={CLUB_EVENEMENT_STATUTS}
              labels={CLUB_EVENEMENT_STATUT_LABELS}
              value={filters.statut}
              onChange={(statut) => params.setFilters({ statut: statut ?? '' })}
              empty={{ label: 'Tous les statuts' }}
            />
          </div>
        </div>
      </form>
      <DataList
        caption="Mes événements organisés"
        hideCaption
        label="Événements organisés"
        columns={COLUMNS}
        rowKey={(e) => e.id}
        params={params}
        query={list}
        count={countOf('événement', 'événements')}
        empty="Vous n’avez encore organisé aucun événement."
        emptyFiltered="Aucun événement ne correspond à ces filtres."
        loadingLabel="Chargement de vos événements…"
        errorTitle="Vos événements n’ont pas pu être chargés"
      />
    </>
  );
}

import { fr } from '@codegouvfr/react-dsfr';
import { Tile } from '@codegouvfr/react-dsfr/Tile';
import { porteeParDefaut, WORK_LIST_MOTIF_LABELS, WORK_LIST_MOTIFS } from '@suivi-pvd/domain';
import { formatNumber } from '@suivi-pvd/ui';
import { Link } from 'react-router';
import type { Me } from '../auth/data/session.hooks';
import { useMe } from '../auth/data/session.hooks';
import { hasPermission } from '../auth/permissions';
import { usePvdList } from '../pvd-list/data/pvd-list.hooks';
import { useWorkList } from '../work-list/data/work-list.hooks';
import { DEFAULT_FILTERS, filtersSearch } from '../work-list/work-list.params';
import { LoadingView } from './loading.view';
import { QueryErrorAlert } from './query-error-alert';
import { useDocumentTitle } from './use-document-title';

/** Up to this many dossiers, the home page lists them; beyond, it links to the list. */
const LISTED_DOSSIERS = 5;

/** Home page, per role: one's dossier(s), the préfecture's work list, the other sections. */
export function HomeView() {
  useDocumentTitle('Accueil');
  const { data: me } = useMe();
  const canInstruct = hasPermission(me, 'convention:valider');
  const canReadPvd = hasPermission(me, 'pvd:lire');
  // A partner reads the summary of the dossiers where its organisation funds something.
  const readsSummaries = !canReadPvd && hasPermission(me, 'pvd:resume');

  const hasDashboard = hasPermission(me, 'indicateurs:lire') && porteeParDefaut(me?.memberships ?? []) !== null;
  const links = otherSections(me);
  const nothing = !canInstruct && !canReadPvd && !readsSummaries && links.length === 0;

  return (
    <>
      <h1>Suivi PVD</h1>
      <p className={fr.cx('fr-text--lead')}>
        Bienvenue sur la plateforme de suivi du programme Petites villes de demain.
      </p>
      {hasDashboard && <DashboardLink national={porteeParDefaut(me?.memberships ?? [])?.type === 'nation'} />}
      {canInstruct && <WorkListSummary />}
      {(canReadPvd || readsSummaries) && <MyDossiers asLink={canInstruct} partner={readsSummaries} />}
      {links.length > 0 && (
        <section aria-labelledby="rubriques-titre" className={fr.cx('fr-mt-6w')}>
          <h2 id="rubriques-titre" className={fr.cx('fr-h4')}>
            Autres rubriques
          </h2>
          <ul>
            {links.map((link) => (
              <li key={link.to}>
                <Link to={link.to}>{link.label}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {nothing && <p>Aucune rubrique n'est encore ouverte à votre profil.</p>}
    </>
  );
}

function otherSections(me: Me | null | undefined): { to: string; label: string }[] {
  const links: { to: string; label: string }[] = [];
  if (hasPermission(me, 'mission:saisir') && !hasPermission(me, 'pvd:lire')) links.push({ to: '/missions/nouvelle', label: 'Saisir une mission d’expertise financée par votre organisation' });
  if (hasPermission(me, 'mission:lire')) links.push({ to: '/missions', label: hasPermission(me, 'pvd:lire') ? 'Missions d’expertise' : 'Vos missions d’expertise' });
  if (hasPermission(me, 'pvd:lire')) links.push({ to: '/operations-habitat', label: 'Opérations d’habitat (OPAH, PIG, RHI-THIRORI…)' });
  if (hasPermission(me, 'pvd:lire')) links.push({ to: '/ort', label: 'Opérations de revitalisation de territoire (ORT)' });
  if (hasPermission(me, 'referentiel:lire')) links.push({ to: '/demarches', label: 'Dispositifs thématiques (France services, Micro-Folie, EcoQuartier…)' });
  if (hasPermission(me, 'programme:parametrer')) links.push({ to: '/administration/parametres', label: 'Paramètres du programme (cofinancement des postes, échéances)' });
  if (hasPermission(me, 'referentiel:lire')) links.push({ to: '/communes', label: 'Rechercher une commune' });
  if (hasPermission(me, 'pvd:importer')) links.push({ to: '/imports/pvd', label: 'Importer la liste des Petites villes de demain' });
  if (hasPermission(me, 'national:importer')) links.push({ to: '/imports/nationaux', label: 'Imports nationaux (ORT, dispositifs thématiques, conventions signées, postes de chef de projet)' });
  if (hasPermission(me, 'comptes:lire')) links.push({ to: '/administration', label: 'Administration des comptes' });
  return links;
}

/** The way to the dashboards, first on the page of those who read an area (the ANCT's director: the nation). */
function DashboardLink({ national }: { national: boolean }) {
  return (
    <section aria-labelledby="tableau-titre" className={fr.cx('fr-mb-6w')} style={{ maxWidth: '40rem' }}>
      <h2 id="tableau-titre" className={fr.cx('fr-h4')}>
        Pilotage du programme
      </h2>
      <Tile
        title="Tableau de bord"
        titleAs="h3"
        desc={national ? 'Les chiffres du Point d’avancement, en France entière, par région et par département, à la date de votre choix' : 'Les chiffres du Point d’avancement sur votre territoire, à la date de votre choix'}
        linkProps={{ to: '/tableau-de-bord' }}
        enlargeLinkOrButton
        orientation="horizontal"
      />
    </section>
  );
}

/** The préfecture's counts per motif, each a link to its tab of « À traiter ». */
function WorkListSummary() {
  const list = useWorkList({ ...DEFAULT_FILTERS, pageSize: 1 });
  return (
    <section aria-labelledby="a-traiter-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="a-traiter-titre" className={fr.cx('fr-h4')}>
        Conventions à traiter
      </h2>
      {list.isPending && <LoadingView label="Chargement des conventions à traiter…" />}
      {list.isError && (
        <QueryErrorAlert
          title="Les conventions à traiter n'ont pas pu être chargées"
          error={list.error}
          onRetry={() => void list.refetch()}
        />
      )}
      {list.data && (
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          {WORK_LIST_MOTIFS.map((motif) => {
            const count = list.data.parMotif[motif];
            return (
              <div key={motif} className={fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-lg-3')}>
                <Tile
                  className={fr.cx('fr-mb-0')}
                  title={WORK_LIST_MOTIF_LABELS[motif]}
                  titleAs="h3"
                  desc={count === 0 ? 'Aucune convention' : `${formatNumber(count)} convention${count > 1 ? 's' : ''}`}
                  linkProps={{ to: `/a-traiter${filtersSearch({ ...DEFAULT_FILTERS, motif })}` }}
                  enlargeLinkOrButton
                  small
                  noIcon
                />
              </div>
            );
          })}
        </div>
      )}
      <p className={fr.cx('fr-mt-3w', 'fr-mb-0')}>
        <Link to="/a-traiter" className={fr.cx('fr-link', 'fr-icon-arrow-right-line', 'fr-link--icon-right')}>
          Voir toutes les conventions à traiter
        </Link>
      </p>
    </section>
  );
}

/**
 * The dossiers the user may see: one is shown as « Mon dossier », a few are listed, more are a
 * link to the list. A préfecture sees many: `asLink` keeps it to a link. A `partner` sees those
 * where its organisation funds something, whose summary it reads.
 */
function MyDossiers({ asLink, partner }: { asLink: boolean; partner: boolean }) {
  const list = usePvdList({ departement: '', page: 1, pageSize: LISTED_DOSSIERS }, !asLink);
  const title = (
    <>
      <h2 id="dossiers-titre" className={fr.cx('fr-h4')}>
        {partner ? 'Les petites villes de demain que vous financez' : list.data?.total === 1 ? 'Votre Petite ville de demain' : 'Dossiers PVD'}
      </h2>
      {partner && (
        <p className={fr.cx('fr-text--sm')}>
          Celles où votre organisation finance une mission d’expertise, une ligne de financement ou une opération d’habitat : vous consultez le résumé de leur dossier.
        </p>
      )}
    </>
  );
  const allLink = (label: string) => (
    <p className={fr.cx('fr-mb-0')}>
      <Link to="/pvd" className={fr.cx('fr-link', 'fr-icon-arrow-right-line', 'fr-link--icon-right')}>
        {label}
      </Link>
    </p>
  );

  if (asLink) {
    return (
      <section aria-labelledby="dossiers-titre" className={fr.cx('fr-mb-6w')}>
        {title}
        {allLink('Voir les dossiers des Petites villes de demain de votre territoire')}
      </section>
    );
  }

  return (
    <section aria-labelledby="dossiers-titre" className={fr.cx('fr-mb-6w')}>
      {title}
      {list.isPending && <LoadingView label="Chargement de vos dossiers…" />}
      {list.isError && (
        <QueryErrorAlert
          title="Vos dossiers n'ont pas pu être chargés"
          error={list.error}
          onRetry={() => void list.refetch()}
        />
      )}
      {list.data?.total === 0 && (
        <p>{partner ? 'Votre organisation ne finance encore rien dans une petite ville de demain.' : "Aucune Petite ville de demain n'est rattachée à votre profil."}</p>
      )}
      {list.data?.total === 1 && list.data.items[0] && (
        <div style={{ maxWidth: '32rem' }}>
          <Tile
            title={partner ? `Dossier : ${list.data.items[0].nom}` : `Mon dossier : ${list.data.items[0].nom}`}
            titleAs="h3"
            desc={list.data.items[0].epciNom ? `Petite ville de demain – ${list.data.items[0].epciNom}` : 'Petite ville de demain'}
            detail={partner ? 'Résumé du dossier : conventions, missions, financements' : 'Conventions, contacts et historique du dossier'}
            linkProps={{ to: `/pvd/${encodeURIComponent(list.data.items[0].id)}` }}
            enlargeLinkOrButton
            orientation="horizontal"
          />
        </div>
      )}
      {list.data && list.data.total > 1 && (
        <>
          <ul>
            {list.data.items.map((pvd) => (
              <li key={pvd.id}>
                <Link to={`/pvd/${encodeURIComponent(pvd.id)}`}>{pvd.nom}</Link>
              </li>
            ))}
          </ul>
          {list.data.total > list.data.items.length &&
            allLink(`Voir les ${formatNumber(list.data.total)} dossiers`)}
        </>
      )}
    </section>
  );
}

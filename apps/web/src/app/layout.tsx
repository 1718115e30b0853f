import { fr } from '@codegouvfr/react-dsfr';
import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { Header, type HeaderProps } from '@codegouvfr/react-dsfr/Header';
import { MainNavigation, type MainNavigationProps } from '@codegouvfr/react-dsfr/MainNavigation';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { Outlet, ScrollRestoration, useLocation, useNavigate } from 'react-router';
import { useLogout, useMe } from '../auth/data/session.hooks';
import { hasPermission } from '../auth/permissions';
import { activityTerritoryOf, porteeParDefaut } from '@suivi-pvd/domain';
import { useUnreadCount } from '../notifications/data/notifications.hooks';
import { AccountMenu } from './account-menu';
import { useRouteFocus } from './use-route-focus';

export const MAIN_ID = 'contenu';
const NAVIGATION_ID = 'navigation-principale';
const BRAND_TOP = (
  <>
    République
    <br />
    Française
  </>
);
const HOME_LINK = { to: '/', title: 'Accueil – Suivi PVD' } as const;

export function Layout() {
  const { data: me } = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  useRouteFocus(MAIN_ID);
  const unread = useUnreadCount(Boolean(me)).data?.unread ?? 0;

  const quickAccessItems: HeaderProps['quickAccessItems'] = me
    ? [
        {
          iconId: 'fr-icon-notification-3-line',
          text: (
            <>
              Notifications
              {unread > 0 && (
                <>
                  <span className={fr.cx('fr-badge', 'fr-badge--sm', 'fr-badge--error', 'fr-badge--no-icon', 'fr-ml-1v')} aria-hidden="true">
                    {unread > 99 ? '99+' : unread}
                  </span>
                  <span className={fr.cx('fr-sr-only')}>{`(${unread} non lue${unread > 1 ? 's' : ''})`}</span>
                </>
              )}
            </>
          ),
          linkProps: { to: '/notifications' },
        },
        <AccountMenu
          key="compte"
          me={me}
          loggingOut={logout.isPending}
          onLogout={() => logout.mutate(undefined, { onSettled: () => void navigate('/connexion') })}
        />,
      ]
    : [{ iconId: 'fr-icon-lock-line', text: 'Se connecter', linkProps: { to: '/connexion' } }];

  const navigation: MainNavigationProps.Item[] = [];
  // A visitor without an account reads the public pages (signed-in users find them in the footer).
  if (!me) {
    navigation.push(
      { text: 'Le programme en chiffres', linkProps: { to: '/programme' }, isActive: pathname.startsWith('/programme') },
      { text: 'Données ouvertes', linkProps: { to: '/donnees' }, isActive: pathname.startsWith('/donnees') },
    );
  }
  // Dashboards for those who read an area (nation, région, département); a PVD's figures are on its dossier.
  if (hasPermission(me, 'indicateurs:lire') && me && porteeParDefaut(me.memberships)) {
    navigation.push({
      text: 'Tableau de bord',
      linkProps: { to: '/tableau-de-bord' },
      isActive: pathname.startsWith('/tableau-de-bord'),
    });
  }
  if (hasPermission(me, 'referentiel:lire')) {
    navigation.push({
      text: 'Communes',
      linkProps: { to: '/communes' },
      isActive: pathname.startsWith('/communes'),
    });
  }
  // A partner reaches the dossiers where its organisation funds something (their summary).
  if (hasPermission(me, 'pvd:resume')) {
    navigation.push({
      text: 'Dossiers PVD',
      linkProps: { to: '/pvd' },
      // A convention belongs to a dossier.
      isActive: pathname === '/pvd' || pathname.startsWith('/pvd/') || pathname.startsWith('/conventions/') || pathname.startsWith('/postes/'),
    });
  }
  if (hasPermission(me, 'mission:lire')) {
    navigation.push({
      text: 'Missions d’expertise',
      linkProps: { to: '/missions' },
      isActive: pathname.startsWith('/missions'),
    });
  }
  if (hasPermission(me, 'financement:lire')) {
    navigation.push({
      text: 'Financements',
      linkProps: { to: '/financements' },
      isActive: pathname.startsWith('/financements'),
    });
  }
  if (hasPermission(me, 'financement:saisir')) {
    navigation.push({
      text: 'Import partenaire',
      linkProps: { to: '/imports/partenaires' },
      isActive: pathname.startsWith('/imports/partenaires'),
    });
  }
  if (hasPermission(me, 'convention:suivre')) {
    navigation.push({
      // The préfecture instructs; the SGAR and the ANCT follow what is late, read-only.
      text: hasPermission(me, 'convention:valider') ? 'À traiter' : 'Retards et en attente',
      linkProps: { to: '/a-traiter' },
      isActive: pathname.startsWith('/a-traiter'),
    });
  }
  // The feed of a territory's dossiers: préfecture (département), SGAR (région), ANCT (country).
  if (hasPermission(me, 'pvd:lire') && me && activityTerritoryOf(me.memberships)) {
    navigation.push({
      text: 'Activité',
      linkProps: { to: '/activite' },
      isActive: pathname.startsWith('/activite'),
    });
  }
  // The projetothèque: public; the chefs de projet reach their sheets, the ANCT its review queue, from its menu.
  if (hasPermission(me, 'fiche:rediger') || hasPermission(me, 'fiche:publier')) {
    navigation.push({
      text: 'Projetothèque',
      isActive: pathname.startsWith('/projetotheque'),
      menuLinks: [
        { text: 'Rechercher un projet', linkProps: { to: '/projetotheque' }, isActive: pathname === '/projetotheque' },
        ...(hasPermission(me, 'fiche:rediger') ? [{ text: 'Mes fiches-projets', linkProps: { to: '/projetotheque/fiches' }, isActive: pathname.startsWith('/projetotheque/fiches') }] : []),
        ...(hasPermission(me, 'fiche:publier') ? [{ text: 'Fiches à relire', linkProps: { to: '/projetotheque/revue' }, isActive: pathname.startsWith('/projetotheque/revue') }] : []),
      ],
    });
  } else {
    navigation.push({ text: 'Projetothèque', linkProps: { to: '/projetotheque' }, isActive: pathname.startsWith('/projetotheque') });
  }
  if (hasPermission(me, 'club:lire')) {
    navigation.push({
      text: 'Club',
      linkProps: { to: '/club/agenda' },
      isActive: pathname.startsWith('/club'),
    });
  }
  if (hasPermission(me, 'pvd:importer')) {
    navigation.push({
      text: 'Import de la liste PVD',
      linkProps: { to: '/imports/pvd' },
      isActive: pathname.startsWith('/imports/pvd'),
    });
  }
  if (hasPermission(me, 'national:importer')) {
    navigation.push({
      text: 'Imports nationaux',
      linkProps: { to: '/imports/nationaux' },
      isActive: pathname.startsWith('/imports/nationaux'),
    });
  }

  if (hasPermission(me, 'programme:parametrer')) {
    navigation.push({
      text: 'Paramètres du programme',
      linkProps: { to: '/administration/parametres' },
      isActive: pathname.startsWith('/administration/parametres'),
    });
  }
  if (hasPermission(me, 'comptes:lire')) {
    navigation.push({
      text: 'Administration',
      linkProps: { to: '/administration' },
      isActive: pathname.startsWith('/administration') && !pathname.startsWith('/administration/parametres'),
    });
  }

  return (
    <>
      <SkipLinks
        links={[
          { label: 'Contenu', anchor: `#${MAIN_ID}` },
          ...(navigation.length > 0 ? [{ label: 'Menu', anchor: `#${NAVIGATION_ID}` }] : []),
          { label: 'Pied de page', anchor: '#pied-de-page' },
        ]}
      />
      <Header
        id="en-tete"
        brandTop={BRAND_TOP}
        homeLinkProps={HOME_LINK}
        serviceTitle="Suivi PVD"
        serviceTagline="Petites villes de demain – suivi du programme"
        quickAccessItems={quickAccessItems}
        navigation={
          navigation.length > 0 ? (
            <MainNavigation id={NAVIGATION_ID} items={navigation} />
          ) : undefined
        }
      />
      <main id={MAIN_ID} tabIndex={-1} className={fr.cx('fr-container', 'fr-py-4w')} style={{ minHeight: '60vh', outline: 'none' }}>
        <Outlet />
      </main>
      <Footer
        id="pied-de-page"
        accessibility="non compliant"
        brandTop={BRAND_TOP}
        homeLinkProps={HOME_LINK}
        contentDescription="Suivi PVD est la plateforme de suivi du programme Petites villes de demain, piloté par l'Agence nationale de la cohésion des territoires (ANCT). Logiciel libre."
        bottomItems={[
          { text: 'Le programme en chiffres', linkProps: { to: '/programme' } },
          { text: 'Projetothèque', linkProps: { to: '/projetotheque' } },
          { text: 'Données ouvertes', linkProps: { to: '/donnees' } },
        ]}
      />
      <ScrollRestoration />
    </>
  );
}

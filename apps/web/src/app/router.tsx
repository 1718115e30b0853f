import { createBrowserRouter } from 'react-router';
import { RequireAuth, RequirePermission } from '../auth/require-auth';
import { HomeRoute } from '../routes/home.route';
import { LoginRoute } from '../routes/login.route';
import { NotFoundRoute } from '../routes/not-found.route';
import { Layout } from './layout';
import { LoadingView } from './loading.view';

// Feature pages are loaded on demand to keep the first download small.
export const router = createBrowserRouter([
  {
    element: <Layout />,
    // Shown only while the first lazily loaded page of the session downloads.
    hydrateFallbackElement: <LoadingView />,
    children: [
      { path: '/connexion', element: <LoginRoute /> },
      {
        path: '/mot-de-passe-oublie',
        lazy: async () => ({ Component: (await import('../routes/forgot-password.route')).ForgotPasswordRoute }),
      },
      {
        path: '/reinitialisation',
        lazy: async () => ({ Component: (await import('../routes/reset-password.route')).ResetPasswordRoute }),
      },
      {
        path: '/invitation',
        lazy: async () => ({ Component: (await import('../routes/invitation.route')).InvitationRoute }),
      },
      // An email's unsubscribe link: works without signing in (its token is signed).
      {
        path: '/notifications/desabonnement',
        lazy: async () => ({ Component: (await import('../routes/unsubscribe.route')).UnsubscribeRoute }),
      },
      // The projetothèque's published sheets: public, readable without signing in.
      {
        path: '/projetotheque',
        lazy: async () => ({ Component: (await import('../routes/projetotheque.route')).ProjetothequeRoute }),
      },
      {
        path: '/projetotheque/:id',
        lazy: async () => ({ Component: (await import('../routes/projetotheque.route')).FichePublicRoute }),
      },
      // Public pages and open data: anyone, signed in or not.
      {
        path: '/programme',
        lazy: async () => ({ Component: (await import('../routes/programme.route')).ProgrammeRoute }),
      },
      {
        path: '/programme/pvd/:idPvd',
        lazy: async () => ({ Component: (await import('../routes/pvd-public.route')).PvdPublicRoute }),
      },
      {
        path: '/donnees',
        lazy: async () => ({ Component: (await import('../routes/donnees.route')).DonneesRoute }),
      },
      {
        element: <RequireAuth />,
        children: [
          { index: true, element: <HomeRoute /> },
          {
            element: <RequirePermission permission="club:lire" />,
            children: [
              {
                path: '/projetotheque/fiches',
                lazy: async () => ({ Component: (await import('../routes/projetotheque.route')).MesFichesRoute }),
              },
              {
                path: '/projetotheque/fiches/:id',
                lazy: async () => ({ Component: (await import('../routes/projetotheque.route')).FicheSuiviRoute }),
              },
              {
                path: '/projetotheque/fiches/:id/modifier',
                lazy: async () => ({ Component: (await import('../routes/projetotheque.route')).ModifierFicheRoute }),
              },
            ],
          },
          {
            element: <RequirePermission permission="fiche:rediger" />,
            children: [
              {
                path: '/projetotheque/fiches/nouvelle',
                lazy: async () => ({ Component: (await import('../routes/projetotheque.route')).NouvelleFicheRoute }),
              },
            ],
          },
          {
            element: <RequirePermission permission="fiche:publier" />,
            children: [
              {
                path: '/projetotheque/revue',
                lazy: async () => ({ Component: (await import('../routes/projetotheque.route')).RevueFichesRoute }),
              },
            ],
          },
          {
            path: '/compte',
            lazy: async () => ({ Component: (await import('../routes/account.route')).AccountRoute }),
          },
          {
            path: '/notifications',
            lazy: async () => ({ Component: (await import('../routes/notifications.route')).NotificationsRoute }),
          },
          {
            path: '/notifications/preferences',
            lazy: async () => ({ Component: (await import('../routes/notification-preferences.route')).NotificationPreferencesRoute }),
          },
          {
            element: <RequirePermission permission="comptes:lire" />,
            children: [
              {
                path: '/administration',
                lazy: async () => ({ Component: (await import('../routes/administration.route')).AdministrationRoute }),
              },
            ],
          },
          {
            element: <RequirePermission permission="comptes:inviter" />,
            children: [
              {
                path: '/administration/inviter',
                lazy: async () => ({ Component: (await import('../routes/invite.route')).InviteRoute }),
              },
            ],
          },
          {
            element: <RequirePermission permission="referentiel:lire" />,
            children: [
              {
                path: '/communes',
                lazy: async () => ({ Component: (await import('../routes/communes.route')).CommunesRoute }),
              },
              {
                path: '/communes/:insee',
                lazy: async () => ({ Component: (await import('../routes/commune.route')).CommuneRoute }),
              },
            ],
          },
          {
            // A partner reads the summary of the dossiers where its organisation funds something.
            element: <RequirePermission permission="pvd:resume" />,
            children: [
              {
                path: '/pvd',
                lazy: async () => ({ Component: (await import('../routes/dossiers.route')).DossiersRoute }),
              },
              {
                path: '/pvd/:id',
                lazy: async () => ({ Component: (await import('../routes/dossier.route')).DossierRoute }),
              },
            ],
          },
          {
            element: <RequirePermission permission="pvd:lire" />,
            children: [
              {
                path: '/conventions/:id',
                lazy: async () => ({ Component: (await import('../routes/convention.route')).ConventionRoute }),
              },
              {
                path: '/postes/:id',
                lazy: async () => ({ Component: (await import('../routes/poste.route')).PosteRoute }),
              },
              {
                path: '/activite',
                lazy: async () => ({ Component: (await import('../routes/activite.route')).ActiviteRoute }),
              },
              {
                path: '/pvd/:id/activite',
                lazy: async () => ({ Component: (await import('../routes/dossier-activite.route')).DossierActiviteRoute }),
              },
            ],
          },
          {
            element: <RequirePermission permission="pvd:modifier" />,
            children: [
              {
                path: '/pvd/:id/postes/nouveau',
                lazy: async () => ({ Component: (await import('../routes/poste-new.route')).NewPosteRoute }),
              },
            ],
          },
          {
            element: <RequirePermission permission="mission:lire" />,
            children: [
              {
                path: '/missions',
                lazy: async () => ({ Component: (await import('../routes/missions.route')).MissionsRoute }),
              },
              {
                path: '/missions/:id',
                lazy: async () => ({ Component: (await import('../routes/mission.route')).MissionRoute }),
              },
            ],
          },
          {
            element: <RequirePermission permission="mission:saisir" />,
            children: [
              {
                path: '/missions/nouvelle',
                lazy: async () => ({ Component: (await import('../routes/mission-new.route')).NewMissionRoute }),
              },
            ],
          },
          {
            element: <RequirePermission permission="pvd:lire" />,
            children: [
              {
                path: '/operations-habitat',
                lazy: async () => ({ Component: (await import('../routes/operations-habitat.route')).OperationsHabitatRoute }),
              },
              {
                path: '/ort',
                lazy: async () => ({ Component: (await import('../routes/orts.route')).OrtsRoute }),
              },
              {
                path: '/operations-habitat/:id',
                lazy: async () => ({ Component: (await import('../routes/operation-habitat.route')).OperationHabitatRoute }),
              },
            ],
          },
          {
            element: <RequirePermission permission="pvd:modifier" />,
            children: [
              {
                path: '/operations-habitat/nouvelle',
                lazy: async () => ({ Component: (await import('../routes/operation-habitat-new.route')).NewOperationHabitatRoute }),
              },
            ],
          },
          {
            element: <RequirePermission permission="financement:lire" />,
            children: [
              {
                path: '/financements',
                lazy: async () => ({ Component: (await import('../routes/financements.route')).FinancementsRoute }),
              },
              {
                path: '/financements/dispositifs',
                lazy: async () => ({ Component: (await import('../routes/dispositifs.route')).DispositifsRoute }),
              },
            ],
          },
          {
            element: <RequirePermission permission="referentiel:lire" />,
            children: [
              {
                path: '/demarches',
                lazy: async () => ({ Component: (await import('../routes/demarches.route')).DemarchesRoute }),
              },
            ],
          },
          {
            element: <RequirePermission permission="financement:saisir" />,
            children: [
              {
                path: '/imports/partenaires',
                lazy: async () => ({ Component: (await import('../routes/imports-partenaires.route')).ImportsPartenairesRoute }),
              },
            ],
          },
          {
            element: <RequirePermission permission="programme:parametrer" />,
            children: [
              {
                path: '/administration/parametres',
                lazy: async () => ({ Component: (await import('../routes/parametres.route')).ParametresRoute }),
              },
            ],
          },
          {
            element: <RequirePermission permission="convention:suivre" />,
            children: [
              {
                path: '/a-traiter',
                lazy: async () => ({ Component: (await import('../routes/work-list.route')).WorkListRoute }),
              },
            ],
          },
          {
            element: <RequirePermission permission="indicateurs:lire" />,
            children: [
              {
                path: '/tableau-de-bord',
                lazy: async () => ({ Component: (await import('../routes/tableau-de-bord.route')).TableauDeBordRoute }),
              },
              {
                path: '/tableau-de-bord/indicateurs/:id',
                lazy: async () => ({ Component: (await import('../routes/indicateur-detail.route')).IndicateurDetailRoute }),
              },
              {
                path: '/tableau-de-bord/rapport',
                lazy: async () => ({ Component: (await import('../routes/rapport.route')).RapportRoute }),
              },
              {
                path: '/tableau-de-bord/rapports',
                lazy: async () => ({ Component: (await import('../routes/rapports.route')).RapportsRoute }),
              },
            ],
          },
          {
            // The Club: the agenda and the events for everyone signed in; organising for the ANCT, préfectures and partners.
            element: <RequirePermission permission="club:lire" />,
            children: [
              {
                path: '/club/agenda',
                lazy: async () => ({ Component: (await import('../routes/club-agenda.route')).ClubAgendaRoute }),
              },
              {
                path: '/club/evenements/:id',
                lazy: async () => ({ Component: (await import('../routes/club-evenement.route')).ClubEvenementRoute }),
              },
            ],
          },
          {
            element: <RequirePermission permission="club:organiser" />,
            children: [
              {
                path: '/club/organisation',
                lazy: async () => ({ Component: (await import('../routes/club-organisation.route')).ClubOrganisationRoute }),
              },
              {
                path: '/club/organisation/nouveau',
                lazy: async () => ({ Component: (await import('../routes/club-evenement-new.route')).ClubEvenementNewRoute }),
              },
              {
                path: '/club/evenements/:id/modifier',
                lazy: async () => ({ Component: (await import('../routes/club-evenement-edit.route')).ClubEvenementEditRoute }),
              },
            ],
          },
          {
            element: <RequirePermission permission="pvd:importer" />,
            children: [
              {
                path: '/imports/pvd',
                lazy: async () => ({ Component: (await import('../routes/pvd-imports.route')).PvdImportsRoute }),
              },
            ],
          },
          {
            element: <RequirePermission permission="national:importer" />,
            children: [
              {
                path: '/imports/nationaux',
                lazy: async () => ({ Component: (await import('../routes/imports-nationaux.route')).ImportsNationauxRoute }),
              },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
]);

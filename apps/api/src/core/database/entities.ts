import { ClubCalendrier, ClubEvenement, ClubInscription } from '../../club/club.entities';
import { AuditLog } from '../../audit/audit.entity';
import { Pvd, PvdCommune, PvdCommunePeriode, PvdImport } from '../../pvd/pvd.entities';
import { Commune, CommuneAncienne, Departement, Epci, ReferentielMeta, Region } from '../../referentiel/referentiel.entities';
import { Membership, Organisation } from '../../organisations/organisation.entities';
import { AuthToken } from '../../comptes/auth-token.entity';
import { AppUser, ProConnectRequest, UserSession } from '../auth/auth.entities';
import { RateLimitBucket } from '../rate-limit/rate-limit.entity';
import { JobProgress } from '../jobs/job-progress.entity';
import { Rapport } from '../../pilotage/rapport.entity';
import { Convention, ConventionAction, ConventionTransition } from '../../conventions/convention.entities';
import { DocumentVersion, DossierDocument } from '../../documents/document.entities';
import { PvdContact } from '../../dossiers/dossier.entities';
import { Rappel } from '../../rappels/rappel.entity';
import { IndicateurPublic, IndicateurPublicListe } from '../../public/public.entities';
import { Financeur } from '../../financeurs/financeur.entity';
import { DemandeCofinancement, Mission, Poste, PosteCofinanceur, PosteCoutAnnuel, PosteTitulaire } from '../../ingenierie/ingenierie.entities';
import { PosteAlerteCalcul, PosteAlerteEnregistree, PosteAlertePerime } from '../../ingenierie/poste-alerte.entities';
import { Demarche, DemarcheParticipation, Dispositif, ImportPartenaire, LigneFinancement, OperationHabitat, OperationHabitatCommune, Ort, OrtCommune } from '../../thematique/thematique.entities';
import { ProgrammeParametre } from '../../programme/programme-parametre.entity';
import { ValeurReference } from '../../indicateurs/valeur-reference.entity';
import { IndicateursVersion } from '../../indicateurs/indicateurs-version.entity';
import { ImportPartenaireFichier } from '../../imports-partenaires/import-partenaire-fichier.entity';
import { ImportPartenaireLigne } from '../../imports-partenaires/import-partenaire-ligne.entity';
import { ImportNational, ImportNationalLigne } from '../../imports-nationaux/import-national.entities';
import { Notification, NotificationEmail, NotificationPreference } from '../../notifications/notification.entities';
import { DiscussionMessage } from '../../discussions/discussion.entities';
import { FicheProjet, FicheProjetCommentaire, FicheProjetPhoto } from '../../club/fiches/fiche.entities';

/** Every entity of the application, for the data source and the entities/migrations check. */
export const ENTITIES = [
  Region,
  Departement,
  Epci,
  Commune,
  CommuneAncienne,
  ReferentielMeta,
  AppUser,
  UserSession,
  Organisation,
  Membership,
  Pvd,
  PvdCommune,
  PvdImport,
  PvdCommunePeriode,
  AuditLog,
  RateLimitBucket,
  AuthToken,
  ProConnectRequest,
  ProgrammeParametre,
  ValeurReference,
  IndicateursVersion,
  PvdContact,
  Convention,
  ConventionAction,
  ConventionTransition,
  DossierDocument,
  DocumentVersion,
  Financeur,
  Poste,
  PosteTitulaire,
  PosteCoutAnnuel,
  PosteCofinanceur,
  DemandeCofinancement,
  PosteAlerteEnregistree,
  PosteAlerteCalcul,
  PosteAlertePerime,
  Mission,
  Ort,
  OrtCommune,
  OperationHabitat,
  OperationHabitatCommune,
  Dispositif,
  LigneFinancement,
  Demarche,
  DemarcheParticipation,
  ImportPartenaire,
  ImportPartenaireLigne,
  ImportPartenaireFichier,
  ImportNational,
  ImportNationalLigne,
  JobProgress,
  Rapport,
  NotificationEmail,
  Notification,
  NotificationPreference,
  Rappel,
  DiscussionMessage,
  FicheProjet,
  FicheProjetPhoto,
  FicheProjetCommentaire,
  IndicateurPublic,
  IndicateurPublicListe,
  ClubEvenement,
  ClubInscription,
  ClubCalendrier,
];

import { CLUB_ENTITIES } from './club/club.entities';
import { FICHES_ENTITIES } from './club/fiches/fiche.entities';
import { COMPTES_ENTITIES } from './comptes/auth-token.entity';
import { CONVENTIONS_ENTITIES } from './conventions/convention.entities';
import { CORE_ENTITIES } from './core/database/core-entities';
import { DISCUSSIONS_ENTITIES } from './discussions/discussion.entities';
import { DOCUMENTS_ENTITIES } from './documents/document.entities';
import { DOSSIERS_ENTITIES } from './dossiers/dossier.entities';
import { FINANCEURS_ENTITIES } from './financeurs/financeur.entity';
import { IMPORTS_NATIONAUX_ENTITIES } from './imports-nationaux/import-national.entities';
import { IMPORTS_PARTENAIRES_ENTITIES } from './imports-partenaires/imports-partenaires.entities';
import { INDICATEURS_ENTITIES } from './indicateurs/indicateurs.entities';
import { INGENIERIE_ENTITIES } from './ingenierie/ingenierie.entity-list';
import { NOTIFICATIONS_ENTITIES } from './notifications/notification.entities';
import { ORGANISATIONS_ENTITIES } from './organisations/organisation.entities';
import { PILOTAGE_ENTITIES } from './pilotage/rapport.entity';
import { PROGRAMME_ENTITIES } from './programme/programme-parametre.entity';
import { PUBLIC_ENTITIES } from './public/public.entities';
import { PVD_ENTITIES } from './pvd/pvd.entities';
import { RAPPELS_ENTITIES } from './rappels/rappel.entity';
import { REFERENTIEL_ENTITIES } from './referentiel/referentiel.entities';
import { THEMATIQUE_ENTITIES } from './thematique/thematique.entities';

/**
 * Every entity of the application, for the data source (app, worker, CLI tools, tests) and the
 * entities/migrations check. Core knows no area: each area lists its own entities, and this
 * composition root, beside app.module.ts, puts the lists together.
 */
export const ENTITIES = [
  ...CORE_ENTITIES,
  ...REFERENTIEL_ENTITIES,
  ...ORGANISATIONS_ENTITIES,
  ...PVD_ENTITIES,
  ...COMPTES_ENTITIES,
  ...PROGRAMME_ENTITIES,
  ...INDICATEURS_ENTITIES,
  ...DOSSIERS_ENTITIES,
  ...CONVENTIONS_ENTITIES,
  ...DOCUMENTS_ENTITIES,
  ...FINANCEURS_ENTITIES,
  ...INGENIERIE_ENTITIES,
  ...THEMATIQUE_ENTITIES,
  ...IMPORTS_PARTENAIRES_ENTITIES,
  ...IMPORTS_NATIONAUX_ENTITIES,
  ...PILOTAGE_ENTITIES,
  ...NOTIFICATIONS_ENTITIES,
  ...RAPPELS_ENTITIES,
  ...DISCUSSIONS_ENTITIES,
  ...CLUB_ENTITIES,
  ...FICHES_ENTITIES,
  ...PUBLIC_ENTITIES,
];

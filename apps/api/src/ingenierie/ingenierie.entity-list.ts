import { DemandeCofinancement, Mission, Poste, PosteCofinanceur, PosteCoutAnnuel, PosteTitulaire } from './ingenierie.entities';
import { PosteAlerteCalcul, PosteAlerteEnregistree, PosteAlertePerime } from './poste-alerte.entities';

/**
 * The ingenierie area's entities, for the application's list (apps/api/src/entities.ts). A file of
 * its own: poste-alerte.entities.ts imports ingenierie.entities.ts, so the list in either would make a circle.
 */
export const INGENIERIE_ENTITIES = [
  Poste,
  PosteTitulaire,
  PosteCoutAnnuel,
  PosteCofinanceur,
  DemandeCofinancement,
  PosteAlerteEnregistree,
  PosteAlerteCalcul,
  PosteAlertePerime,
  Mission,
];

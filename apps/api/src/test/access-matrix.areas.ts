import { jobsAccessCases } from '../core/jobs/jobs.access-cases';
import { demarchesAccessCases } from '../demarches/demarches.access-cases';
import { financementsAccessCases } from '../financements/financements.access-cases';
import { indicateursAccessCases } from '../indicateurs/indicateurs.access-cases';
import { importsPartenairesAccessCases } from '../imports-partenaires/imports-partenaires.access-cases';
import { importsNationauxAccessCases } from '../imports-nationaux/imports-nationaux.access-cases';
import { territoireAccessCases } from '../territoire/territoire.access-cases';
import { pvdAccessCases } from '../pvd/pvd.access-cases';
import { dossiersAccessCases } from '../dossiers/dossiers.access-cases';
import { pilotageAccessCases } from '../pilotage/pilotage.access-cases';
import { activiteAccessCases } from '../activite/activite.access-cases';
import { rappelsAccessCases } from '../rappels/rappels.access-cases';
import { discussionsAccessCases } from '../discussions/discussions.access-cases';
import { notificationsAccessCases } from '../notifications/notifications.access-cases';
import { fichesAccessCases } from '../club/fiches/fiches.access-cases';
import { publicAccessCases } from '../public/public.access-cases';
import { clubAccessCases } from '../club/club.access-cases';
import type { AreaCases } from './access-matrix.support';

/**
 * The areas that declare their access-matrix cases in their own file. Add an area here with its
 * `<area>.access-cases.ts`.
 */
export const AREA_CASES: Record<string, AreaCases<unknown>> = {
  territoire: territoireAccessCases,
  financements: financementsAccessCases,
  importsPartenaires: importsPartenairesAccessCases,
  importsNationaux: importsNationauxAccessCases,
  demarches: demarchesAccessCases,
  pvd: pvdAccessCases,
  dossiers: dossiersAccessCases,
  jobs: jobsAccessCases,
  indicateurs: indicateursAccessCases,
  pilotage: pilotageAccessCases,
  activite: activiteAccessCases,
  rappels: rappelsAccessCases,
  discussions: discussionsAccessCases,
  notifications: notificationsAccessCases,
  fiches: fichesAccessCases,
  public: publicAccessCases,
  club: clubAccessCases,
};

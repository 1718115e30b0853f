import { missionRights, rolesCovering, type Territory } from '@suivi-pvd/domain';
import type { DataSource, EntityManager } from 'typeorm';
import type { CurrentUser } from '../core/auth/current-user';
import { AppError } from '../core/errors/app-error';
import type { ErrorCode } from '../core/errors/error-codes';
import { pvdTerritory } from '../dossiers/pvd-access';

export const MISSION_NOT_FOUND = { code: 'MISSION_NOT_FOUND' as ErrorCode, message: 'Mission introuvable.' };

export interface MissionAccess {
  missionId: string;
  pvdId: string;
  financeurId: string;
  financeurOrganisationId: string | null;
  territory: Territory;
  rights: { lire: boolean; ecrire: boolean };
  /** How the caller appears in the dossier's timeline: their name and the organisation acting. */
  actorLabel: string;
}

/**
 * Checks the caller's access to a mission on its stored PVD and funder, never on ids from the
 * request: a mission they may not read does not exist for them (404); readable but not writable, 403.
 */
export async function requireMissionAccess(
  db: DataSource | EntityManager,
  user: CurrentUser,
  missionId: string,
  need: 'lire' | 'ecrire',
  notFound: { code: ErrorCode; message: string } = MISSION_NOT_FOUND,
): Promise<MissionAccess> {
  const [row]: { pvd_id: string; financeur_id: string; organisation_id: string | null }[] = await db.query(
    'SELECT m.pvd_id, m.financeur_id, f.organisation_id FROM mission m JOIN financeur f ON f.id = m.financeur_id WHERE m.id = $1',
    [missionId],
  );
  const territory = row ? await pvdTerritory(db, row.pvd_id) : null;
  if (!row || !territory) throw new AppError(notFound.code, notFound.message);
  const rights = missionRights(user.memberships, territory, row.organisation_id);
  if (!rights.lire) throw new AppError(notFound.code, notFound.message);
  if (need === 'ecrire' && !rights.ecrire) throw new AppError('FORBIDDEN', 'Votre rôle ne permet pas de modifier cette mission.');
  const acting =
    user.memberships.find((m) => m.organisationType === 'partenaire' && m.organisationId === row.organisation_id) ??
    user.memberships.find((m) => rolesCovering([m], territory).length > 0) ??
    user.memberships[0];
  return {
    missionId,
    pvdId: row.pvd_id,
    financeurId: row.financeur_id,
    financeurOrganisationId: row.organisation_id,
    territory,
    rights,
    actorLabel: acting?.organisationNom ? `${user.displayName} (${acting.organisationNom})` : user.displayName,
  };
}

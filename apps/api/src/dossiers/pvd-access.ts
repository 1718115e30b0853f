import { canOn, rolesCovering, type Permission, type Role, type Territory } from '@suivi-pvd/domain';
import type { DataSource, EntityManager } from 'typeorm';
import type { CurrentUser } from '../core/auth/current-user';
import { AppError } from '../core/errors/app-error';
import type { ErrorCode } from '../core/errors/error-codes';

/** A PVD as stored, with the territory its access is judged on. */
export interface PvdAccess {
  pvdId: string;
  territory: Territory;
  /** The caller's roles over this PVD (memberships whose scope covers it). */
  roles: Role[];
}

/**
 * The stored territory of a PVD: its communes, its EPCI and theirs, their départements and
 * régions. Null when the PVD does not exist.
 */
export async function pvdTerritory(db: DataSource | EntityManager, pvdId: string): Promise<Territory | null> {
  const [row] = await db.query(
    `SELECT array_agg(DISTINCT c.insee) AS communes,
            array_remove(array_agg(DISTINCT c.epci_siren) || array_agg(DISTINCT p.epci_siren), NULL) AS epcis,
            array_agg(DISTINCT c.departement_code) AS departements,
            array_agg(DISTINCT c.region_code) AS regions
       FROM pvd p
       LEFT JOIN pvd_commune pc ON pc.pvd_id = p.id
       LEFT JOIN commune c ON c.insee = pc.commune_insee
      WHERE p.id = $1
      GROUP BY p.id`,
    [pvdId],
  );
  if (!row) return null;
  const clean = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => Boolean(v)))];
  return { communes: clean(row.communes), epciSirens: clean(row.epcis), departementCodes: clean(row.departements), regionCodes: clean(row.regions) };
}

/**
 * Checks the caller's access to a PVD on its stored territory, never on ids from the request:
 * outside what they may read, the PVD does not exist for them (404, `notFound`); readable but
 * without `permission` there, 403.
 */
export async function requirePvdAccess(
  db: DataSource | EntityManager,
  user: CurrentUser,
  pvdId: string,
  permission: Permission,
  notFound: { code: ErrorCode; message: string } = { code: 'PVD_NOT_FOUND', message: 'Petite ville de demain introuvable.' },
): Promise<PvdAccess> {
  const territory = await pvdTerritory(db, pvdId);
  if (!territory || !canOn(user.memberships, 'pvd:lire', territory)) throw new AppError(notFound.code, notFound.message);
  if (!canOn(user.memberships, permission, territory)) {
    throw new AppError('FORBIDDEN', 'Votre rôle ne permet pas cette action sur ce dossier.');
  }
  return { pvdId, territory, roles: rolesCovering(user.memberships, territory) };
}

/** How a person appears in a dossier's timeline: « Dominique Bernard (Préfecture de la Creuse) ». */
export function personLabel(user: CurrentUser, territory: Territory): string {
  const membership = user.memberships.find((m) => rolesCovering([m], territory).length > 0) ?? user.memberships[0];
  return membership?.organisationNom ? `${user.displayName} (${membership.organisationNom})` : user.displayName;
}

import { canOn, lectureDuDossier, organisationsLectricesDuResume, rolesCovering, type DossierLecture, type Permission, type Role, type Territory } from '@suivi-pvd/domain';
import type { DataSource, EntityManager } from 'typeorm';
import type { CurrentUser } from '../core/auth/current-user';
import { AppError } from '../core/errors/app-error';
import type { ErrorCode } from '../core/errors/error-codes';

const PVD_NOT_FOUND = { code: 'PVD_NOT_FOUND' as ErrorCode, message: 'Petite ville de demain introuvable.' };

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
  notFound: { code: ErrorCode; message: string } = PVD_NOT_FOUND,
): Promise<PvdAccess> {
  const territory = await pvdTerritory(db, pvdId);
  if (!territory || !canOn(user.memberships, 'pvd:lire', territory)) throw new AppError(notFound.code, notFound.message);
  if (!canOn(user.memberships, permission, territory)) {
    throw new AppError('FORBIDDEN', 'Votre rôle ne permet pas cette action sur ce dossier.');
  }
  return { pvdId, territory, roles: rolesCovering(user.memberships, territory) };
}

/**
 * SQL condition: the PVD `pvd` (an expression, e.g. `p.id`) is one where an organisation of
 * `$orgParam` (uuid[]) funds something, from the stored records, whatever their status:
 * - a mission of the PVD whose funder is linked to the organisation;
 * - a financing line of a dispositif of such a funder, whose beneficiary is a commune of the PVD, or
 *   the EPCI of one of its communes or the EPCI it is attached to (as the dossier's financing section
 *   lists them);
 * - an habitat operation of such a funder covering a commune of the PVD.
 */
export function pvdFinanceeParSql(pvd: string, orgParam: number): string {
  const orgs = `$${orgParam}::uuid[]`;
  return `${pvd} IN (
      SELECT fm.pvd_id FROM mission fm JOIN financeur ff ON ff.id = fm.financeur_id WHERE ff.organisation_id = ANY(${orgs})
      UNION
      SELECT fpc.pvd_id FROM ligne_financement fl JOIN dispositif fd ON fd.id = fl.dispositif_id JOIN financeur ff ON ff.id = fd.financeur_id
        JOIN pvd_commune fpc ON fpc.commune_insee = fl.beneficiaire_code
       WHERE fl.beneficiaire_type = 'commune' AND ff.organisation_id = ANY(${orgs})
      UNION
      SELECT fpc.pvd_id FROM ligne_financement fl JOIN dispositif fd ON fd.id = fl.dispositif_id JOIN financeur ff ON ff.id = fd.financeur_id
        JOIN commune fc ON fc.epci_siren = fl.beneficiaire_code JOIN pvd_commune fpc ON fpc.commune_insee = fc.insee
       WHERE fl.beneficiaire_type = 'epci' AND ff.organisation_id = ANY(${orgs})
      UNION
      SELECT fp.id FROM ligne_financement fl JOIN dispositif fd ON fd.id = fl.dispositif_id JOIN financeur ff ON ff.id = fd.financeur_id
        JOIN pvd fp ON fp.epci_siren = fl.beneficiaire_code
       WHERE fl.beneficiaire_type = 'epci' AND ff.organisation_id = ANY(${orgs})
      UNION
      SELECT fpc.pvd_id FROM operation_habitat fo JOIN financeur ff ON ff.id = fo.financeur_id
        JOIN operation_habitat_commune foc ON foc.operation_id = fo.id JOIN pvd_commune fpc ON fpc.commune_insee = foc.commune_insee
       WHERE ff.organisation_id = ANY(${orgs}))`;
}

/**
 * SQL condition restricting PVDs (alias `p`) to those whose summary the caller reads: those of
 * their scope (`pvdScope`, from `pvd:lire`), and for a partner those where its organisation funds
 * something. Parameters numbered from `firstParam`, after the scope's.
 */
export function pvdResumeCondition(user: CurrentUser, scope: { sql: string; params: unknown[] }, firstParam: number): { sql: string; params: unknown[] } {
  const orgs = organisationsLectricesDuResume(user.memberships);
  if (orgs.length === 0) return { sql: scope.sql, params: [] };
  return { sql: `(${scope.sql} OR ${pvdFinanceeParSql('p.id', firstParam)})`, params: [orgs] };
}

/** The dossier as the caller reads it: the whole of it, or its summary (a partner funding something there). */
export interface DossierAccess {
  pvdId: string;
  territory: Territory;
  lecture: DossierLecture;
}

/**
 * What the caller reads of a dossier (`lectureDuDossier`), on its stored territory and, for a
 * partner, on what its organisation funds there, read at this request (never cached). Null when
 * the PVD does not exist; `lecture` null when they read nothing of it, `partenaire` telling whether
 * they read summaries elsewhere.
 */
export async function dossierLecture(
  db: DataSource | EntityManager,
  user: CurrentUser,
  pvdId: string,
): Promise<{ territory: Territory; lecture: DossierLecture | null; partenaire: boolean } | null> {
  const territory = await pvdTerritory(db, pvdId);
  if (!territory) return null;
  const orgs = organisationsLectricesDuResume(user.memberships);
  const finance = orgs.length > 0 && !canOn(user.memberships, 'pvd:lire', territory) ? await pvdFinanceePar(db, pvdId, orgs) : false;
  return { territory, lecture: lectureDuDossier(user.memberships, territory, finance), partenaire: orgs.length > 0 };
}

/**
 * Checks that the caller reads a dossier at least in summary: a reader of the PVD reads it all; a
 * partner funding something there, its summary; a partner funding nothing there is refused (403:
 * the list of PVDs is public, and it may enter a mission anywhere); anyone else gets 404.
 */
export async function requireDossierRead(db: DataSource | EntityManager, user: CurrentUser, pvdId: string, notFound: { code: ErrorCode; message: string } = PVD_NOT_FOUND): Promise<DossierAccess> {
  const read = await dossierLecture(db, user, pvdId);
  if (!read) throw new AppError(notFound.code, notFound.message);
  if (!read.lecture) {
    if (read.partenaire) {
      throw new AppError('FORBIDDEN', 'Votre organisation ne finance ni mission, ni ligne de financement, ni opération d’habitat dans cette petite ville de demain : son dossier ne vous est pas ouvert.');
    }
    throw new AppError(notFound.code, notFound.message);
  }
  return { pvdId, territory: read.territory, lecture: read.lecture };
}

/** Whether one of these organisations funds something in the PVD (see `pvdFinanceeParSql`). */
async function pvdFinanceePar(db: DataSource | EntityManager, pvdId: string, organisationIds: readonly string[]): Promise<boolean> {
  const [row] = await db.query(`SELECT ${pvdFinanceeParSql('$1::uuid', 2)} AS finance`, [pvdId, organisationIds]);
  return row.finance === true;
}

/** How a person appears in a dossier's timeline: « Dominique Bernard (Préfecture de la Creuse) ». */
export function personLabel(user: CurrentUser, territory: Territory): string {
  const membership = user.memberships.find((m) => rolesCovering([m], territory).length > 0) ?? user.memberships[0];
  return membership?.organisationNom ? `${user.displayName} (${membership.organisationNom})` : user.displayName;
}

import { isOrganisationType, isRole, Membership } from '@suivi-pvd/domain';
import type { EntityManager, DataSource } from 'typeorm';

/** A membership as read from the database: `loadMemberships`' rows, and the session check's JSON. */
export interface MembershipRow {
  user_id: string;
  organisation_id: string;
  type: string;
  nom: string;
  role: string;
  commune_insee: string | null;
  epci_siren: string | null;
  departement_code: string | null;
  region_code: string | null;
}

/** The columns of a `MembershipRow`, over `membership m JOIN organisation o`, in their order. */
export const MEMBERSHIP_COLUMNS = `m.user_id, o.id AS organisation_id, o.type, o.nom, m.role,
            o.commune_insee, o.epci_siren, o.departement_code, o.region_code`;
const MEMBERSHIP_ORDER = 'm.created_at, o.nom';

/** A row as a membership; null for a role or type unknown to this version of the code (it grants nothing). */
export function toMembership(r: MembershipRow): Membership | null {
  if (!isRole(r.role) || !isOrganisationType(r.type)) return null;
  return {
    organisationId: r.organisation_id,
    organisationType: r.type,
    organisationNom: r.nom,
    role: r.role,
    communeInsee: r.commune_insee,
    epciSiren: r.epci_siren,
    departementCode: r.departement_code,
    regionCode: r.region_code,
  };
}

/** The memberships of users, with their organisation's territory, for scope decisions. */
export async function loadMemberships(db: DataSource | EntityManager, userIds: string[]): Promise<Map<string, Membership[]>> {
  const rows: MembershipRow[] = await db.query(
    `SELECT ${MEMBERSHIP_COLUMNS}
       FROM membership m JOIN organisation o ON o.id = m.organisation_id
      WHERE m.user_id = ANY($1::uuid[])
      ORDER BY ${MEMBERSHIP_ORDER}`,
    [userIds],
  );
  const result = new Map<string, Membership[]>(userIds.map((id) => [id, []]));
  for (const r of rows) {
    const membership = toMembership(r);
    if (membership) result.get(r.user_id)?.push(membership);
  }
  return result;
}

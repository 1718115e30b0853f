import { isOrganisationType, isRole, Membership } from '@suivi-pvd/domain';
import type { EntityManager, DataSource } from 'typeorm';

/** The memberships of users, with their organisation's territory, for scope decisions. */
export async function loadMemberships(db: DataSource | EntityManager, userIds: string[]): Promise<Map<string, Membership[]>> {
  const rows: {
    user_id: string;
    organisation_id: string;
    type: string;
    nom: string;
    role: string;
    commune_insee: string | null;
    epci_siren: string | null;
    departement_code: string | null;
    region_code: string | null;
  }[] = await db.query(
    `SELECT m.user_id, o.id AS organisation_id, o.type, o.nom, m.role,
            o.commune_insee, o.epci_siren, o.departement_code, o.region_code
       FROM membership m JOIN organisation o ON o.id = m.organisation_id
      WHERE m.user_id = ANY($1::uuid[])
      ORDER BY m.created_at, o.nom`,
    [userIds],
  );
  const result = new Map<string, Membership[]>(userIds.map((id) => [id, []]));
  for (const r of rows) {
    // A role or type unknown to this version of the code grants nothing.
    if (!isRole(r.role) || !isOrganisationType(r.type)) continue;
    result.get(r.user_id)?.push({
      organisationId: r.organisation_id,
      organisationType: r.type,
      organisationNom: r.nom,
      role: r.role,
      communeInsee: r.commune_insee,
      epciSiren: r.epci_siren,
      departementCode: r.departement_code,
      regionCode: r.region_code,
    });
  }
  return result;
}

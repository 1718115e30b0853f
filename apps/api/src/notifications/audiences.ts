import type { Territory } from '@suivi-pvd/domain';
import type { EntityManager } from 'typeorm';

/**
 * Who hears of an event on a dossier, from the stored memberships and the dossier's stored
 * territory (never from the request). Active accounts only.
 */

/** The préfecture agents (`prefecture_instructeur`) of the dossier's départements. */
export async function prefectureAgentsOf(em: EntityManager, territory: Territory): Promise<string[]> {
  const rows: { user_id: string }[] = await em.query(
    `SELECT DISTINCT m.user_id FROM membership m
       JOIN organisation o ON o.id = m.organisation_id
       JOIN app_user u ON u.id = m.user_id AND u.active
      WHERE m.role = 'prefecture_instructeur' AND o.type = 'prefecture' AND o.departement_code = ANY($1::varchar[])`,
    [territory.departementCodes],
  );
  return rows.map((r) => r.user_id);
}

/** The dossier's chefs de projet: those of its communes and of its EPCI. */
export async function chefsDeProjetOf(em: EntityManager, territory: Territory): Promise<string[]> {
  const rows: { user_id: string }[] = await em.query(
    `SELECT DISTINCT m.user_id FROM membership m
       JOIN organisation o ON o.id = m.organisation_id
       JOIN app_user u ON u.id = m.user_id AND u.active
      WHERE m.role = 'chef_de_projet'
        AND ((o.type = 'commune' AND o.commune_insee = ANY($1::varchar[])) OR (o.type = 'epci' AND o.epci_siren = ANY($2::varchar[])))`,
    [territory.communes, territory.epciSirens],
  );
  return rows.map((r) => r.user_id);
}

/** The dossier's name as lists show it: its communes, the most populated first. */
export async function dossierName(em: EntityManager, pvdId: string): Promise<string> {
  const [row]: { nom: string | null }[] = await em.query(
    `SELECT COALESCE((SELECT string_agg(c.nom, ' – ' ORDER BY c.population DESC NULLS LAST, c.insee) FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee WHERE pc.pvd_id = p.id), p.id_pvd) AS nom
       FROM pvd p WHERE p.id = $1`,
    [pvdId],
  );
  return row?.nom ?? 'Dossier';
}

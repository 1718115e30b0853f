import { deCommune, type OrganisationType } from '@suivi-pvd/domain';
import type { EntityManager, DataSource } from 'typeorm';

export type OrganisationSpec =
  | { type: 'commune'; communeInsee: string }
  | { type: 'epci'; epciSiren: string }
  | { type: 'prefecture'; departementCode: string }
  | { type: 'sgar'; regionCode: string }
  | { type: 'anct' }
  | { type: 'partenaire'; nom: string };

/**
 * The organisation standing for a territory (or the ANCT, or a named partner), created on first
 * use with its name from the référentiel. One per territory, enforced by unique indexes.
 */
export async function ensureOrganisation(db: DataSource | EntityManager, spec: OrganisationSpec): Promise<{ id: string; type: OrganisationType; nom: string }> {
  const { where, params, insertColumns, nameSql } = describe(spec);
  const [existing] = await db.query(`SELECT id, type, nom FROM organisation WHERE type = $1 AND ${where}`, [spec.type, ...params]);
  if (existing) return existing;
  // A commune's name is written in French by the domain (« Commune d’Ahun »), not concatenated in SQL.
  const commune = spec.type === 'commune' ? ((await db.query('SELECT nom FROM commune WHERE insee = $1', [spec.communeInsee]))[0] as { nom: string } | undefined) : undefined;
  const name = commune ? { sql: `$${params.length + 2}::text`, params: [deCommune(commune.nom)] } : { sql: `(${nameSql})`, params: [] };
  const [created] = await db.query(
    `INSERT INTO organisation (type, nom${insertColumns.map((c) => `, ${c}`).join('')})
     SELECT $1, ${name.sql}${insertColumns.map((_, i) => `, $${i + 2}`).join('')}
     ON CONFLICT DO NOTHING
     RETURNING id, type, nom`,
    [spec.type, ...params, ...name.params],
  );
  if (created) return created;
  // Created meanwhile by a concurrent request.
  const [again] = await db.query(`SELECT id, type, nom FROM organisation WHERE type = $1 AND ${where}`, [spec.type, ...params]);
  return again;
}

function describe(spec: OrganisationSpec): { where: string; params: string[]; insertColumns: string[]; nameSql: string } {
  switch (spec.type) {
    case 'commune':
      return { where: 'commune_insee = $2', params: [spec.communeInsee], insertColumns: ['commune_insee'], nameSql: `SELECT 'Commune de ' || nom FROM commune WHERE insee = $2` };
    case 'epci':
      return { where: 'epci_siren = $2', params: [spec.epciSiren], insertColumns: ['epci_siren'], nameSql: 'SELECT nom FROM epci WHERE siren = $2' };
    case 'prefecture':
      return {
        where: 'departement_code = $2',
        params: [spec.departementCode],
        insertColumns: ['departement_code'],
        nameSql: `SELECT 'Préfecture – ' || nom || ' (' || code || ')' FROM departement WHERE code = $2`,
      };
    case 'sgar':
      return { where: 'region_code = $2', params: [spec.regionCode], insertColumns: ['region_code'], nameSql: `SELECT 'SGAR – ' || nom FROM region WHERE code = $2` };
    case 'anct':
      return { where: 'TRUE', params: [], insertColumns: [], nameSql: `SELECT 'Agence nationale de la cohésion des territoires'` };
    case 'partenaire':
      return { where: 'nom = $2', params: [spec.nom], insertColumns: [], nameSql: 'SELECT $2::text' };
  }
}

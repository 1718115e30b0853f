import type { Territory } from '@suivi-pvd/domain';
import type { DataSource, EntityManager } from 'typeorm';
import type { OrganisationSpec } from './ensure-organisation';

const EMPTY: Territory = { communes: [], epciSirens: [], departementCodes: [], regionCodes: [] };

/**
 * The territory an organisation stands for, read from the référentiel: a commune with its EPCI,
 * département and région; an EPCI with the départements and régions of its communes; a
 * département with its région; a région. Null when the territory does not exist.
 */
export async function territoryOf(db: DataSource | EntityManager, spec: OrganisationSpec): Promise<Territory | null> {
  switch (spec.type) {
    case 'commune': {
      const [c] = await db.query('SELECT insee, epci_siren, departement_code, region_code FROM commune WHERE insee = $1', [spec.communeInsee]);
      return c ? { communes: [c.insee], epciSirens: c.epci_siren ? [c.epci_siren] : [], departementCodes: [c.departement_code], regionCodes: [c.region_code] } : null;
    }
    case 'epci': {
      const [e] = await db.query(
        `SELECT e.siren, array_agg(DISTINCT c.departement_code) AS deps, array_agg(DISTINCT c.region_code) AS regions
           FROM epci e LEFT JOIN commune c ON c.epci_siren = e.siren WHERE e.siren = $1 GROUP BY e.siren`,
        [spec.epciSiren],
      );
      return e ? { communes: [], epciSirens: [e.siren], departementCodes: e.deps.filter(Boolean), regionCodes: e.regions.filter(Boolean) } : null;
    }
    case 'prefecture': {
      const [d] = await db.query('SELECT code, region_code FROM departement WHERE code = $1', [spec.departementCode]);
      return d ? { ...EMPTY, departementCodes: [d.code], regionCodes: [d.region_code] } : null;
    }
    case 'sgar': {
      const [r] = await db.query('SELECT code FROM region WHERE code = $1', [spec.regionCode]);
      return r ? { ...EMPTY, regionCodes: [r.code] } : null;
    }
    case 'anct':
    case 'partenaire':
      return EMPTY;
  }
}

/**
 * The stored territory of a commune (itself, its EPCI, département and région) or of an EPCI (its
 * member communes, their départements and régions), with its name; null when unknown. What records
 * carried by a commune or an EPCI (financing beneficiaries, habitat operations' owners) are judged on.
 */
export async function placeTerritory(db: DataSource | EntityManager, kind: 'commune' | 'epci', code: string): Promise<{ nom: string; territory: Territory } | null> {
  const [row] = await db.query(
    kind === 'commune'
      ? `SELECT c.nom, ARRAY[c.insee]::text[] AS communes, array_remove(ARRAY[c.epci_siren], NULL)::text[] AS epcis,
                ARRAY[c.departement_code]::text[] AS departements, ARRAY[c.region_code]::text[] AS regions
           FROM commune c WHERE c.insee = $1`
      : `SELECT e.nom, COALESCE(array_agg(DISTINCT c.insee) FILTER (WHERE c.insee IS NOT NULL), '{}')::text[] AS communes, ARRAY[e.siren]::text[] AS epcis,
                COALESCE(array_agg(DISTINCT c.departement_code) FILTER (WHERE c.insee IS NOT NULL), '{}')::text[] AS departements,
                COALESCE(array_agg(DISTINCT c.region_code) FILTER (WHERE c.insee IS NOT NULL), '{}')::text[] AS regions
           FROM epci e LEFT JOIN commune c ON c.epci_siren = e.siren WHERE e.siren = $1 GROUP BY e.siren, e.nom`,
    [code],
  );
  if (!row) return null;
  return { nom: row.nom, territory: { communes: row.communes, epciSirens: row.epcis, departementCodes: row.departements, regionCodes: row.regions } };
}

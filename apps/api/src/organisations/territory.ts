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

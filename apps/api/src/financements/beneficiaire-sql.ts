import type { BeneficiaireTerritoire, Scope } from '@suivi-pvd/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { anyOf, scopeKinds, scopeSets } from '../organisations/scope-sql';
import { placeTerritory } from '../organisations/territory';

/**
 * SQL condition restricting financing lines (alias `l`) to those whose stored beneficiary lies in
 * the caller's scopes, parameters numbered from `firstParam`:
 * - a commune beneficiary: the commune, its EPCI, its département or région is in scope;
 * - an EPCI beneficiary: the EPCI is in scope, or (when `epciByCommune`, for reading) one of its
 *   communes is — for writing, a commune's scope does not cover its EPCI.
 * No scope gives FALSE. Same reading as `ligneFinancementRights` in the domain.
 */
export function beneficiaireScopeCondition(scopes: readonly Scope[], firstParam: number, epciByCommune: boolean): { sql: string; params: unknown[] } {
  const sets = scopeSets(scopes);
  if (sets === 'national') return { sql: 'TRUE', params: [] };
  if (sets === 'none') return { sql: 'FALSE', params: [] };
  const { params, any } = scopeKinds(sets, firstParam);
  const areas = [any('departements', 'sbc.departement_code'), any('regions', 'sbc.region_code')];
  const communes = anyOf(any('communes', 'sbc.insee'), any('epcis', 'sbc.epci_siren'), ...areas);
  // An EPCI's line: the EPCI in scope, or one of its communes (a commune's scope reads its EPCI's lines with `epciByCommune`).
  const epciCommunes = anyOf(epciByCommune ? any('communes', 'sbc.insee') : null, ...areas);
  const epciViaCommunes = epciCommunes === 'FALSE' ? null : `l.beneficiaire_code IN (SELECT sbc.epci_siren FROM commune sbc WHERE sbc.epci_siren IS NOT NULL AND (${epciCommunes}))`;
  return {
    sql: `((l.beneficiaire_type = 'commune' AND l.beneficiaire_code IN (SELECT sbc.insee FROM commune sbc WHERE ${communes}))
        OR (l.beneficiaire_type = 'epci' AND (${anyOf(any('epcis', 'l.beneficiaire_code'), epciViaCommunes)})))`,
    params,
  };
}

/**
 * The stored territory of a beneficiary (see `BeneficiaireTerritoire`), or null when the commune or
 * the EPCI is not in the referentiel.
 */
export async function beneficiaireTerritoire(db: DataSource | EntityManager, type: 'commune' | 'epci', code: string): Promise<(BeneficiaireTerritoire & { nom: string }) | null> {
  const place = await placeTerritory(db, type, code);
  return place ? { type, ...place } : null;
}

/**
 * The PVDs a change of a line belongs to, for the dossiers' history: the PVD of the commune, or
 * every PVD of the EPCI (its communes' PVDs, and those attached to the EPCI). None: [null].
 */
export async function pvdsOfBeneficiaire(db: DataSource | EntityManager, type: 'commune' | 'epci', code: string): Promise<(string | null)[]> {
  const rows: { id: string }[] = await db.query(
    type === 'commune'
      ? 'SELECT DISTINCT pc.pvd_id AS id FROM pvd_commune pc WHERE pc.commune_insee = $1'
      : `SELECT pc.pvd_id AS id FROM pvd_commune pc JOIN commune c ON c.insee = pc.commune_insee WHERE c.epci_siren = $1
         UNION SELECT p.id FROM pvd p WHERE p.epci_siren = $1`,
    [code],
  );
  return rows.length > 0 ? rows.map((r) => r.id).sort() : [null];
}

import type { Scope } from '@suivi-pvd/domain';

/**
 * SQL condition restricting PVDs (alias `p`) to the caller's scopes, with its parameters
 * numbered from `firstParam`. The territory compared is the one stored for the PVD's communes,
 * never an id from the request. No scope at all gives FALSE: nothing is visible.
 */
export function pvdScopeCondition(scopes: readonly Scope[], firstParam: number): { sql: string; params: unknown[] } {
  if (scopes.some((s) => s.kind === 'national')) return { sql: 'TRUE', params: [] };
  const communes = scopes.flatMap((s) => (s.kind === 'commune' ? [s.insee] : []));
  const epcis = scopes.flatMap((s) => (s.kind === 'epci' ? [s.siren] : []));
  const departements = scopes.flatMap((s) => (s.kind === 'departement' ? [s.code] : []));
  const regions = scopes.flatMap((s) => (s.kind === 'region' ? [s.code] : []));
  if (communes.length + epcis.length + departements.length + regions.length === 0) return { sql: 'FALSE', params: [] };
  const [a, b, c, d] = [firstParam, firstParam + 1, firstParam + 2, firstParam + 3];
  return {
    // IN rather than a correlated EXISTS: under the OR, PostgreSQL computes the set once and
    // hashes it, instead of running the subquery for every PVD.
    sql: `(p.epci_siren = ANY($${b}::varchar[]) OR p.id IN (
            SELECT spc.pvd_id FROM pvd_commune spc JOIN commune sc ON sc.insee = spc.commune_insee
             WHERE sc.insee = ANY($${a}::varchar[]) OR sc.epci_siren = ANY($${b}::varchar[])
                OR sc.departement_code = ANY($${c}::varchar[]) OR sc.region_code = ANY($${d}::varchar[])))`,
    params: [communes, epcis, departements, regions],
  };
}

import type { Scope } from '@suivi-pvd/domain';

/**
 * SQL condition restricting organisations (alias `o`) to the caller's scopes, judged on the
 * territory stored for each organisation: a préfecture sees the organisations of its
 * département (its communes, the EPCI with a commune there, itself), a SGAR those of its région.
 */
export function organisationScopeCondition(scopes: readonly Scope[], firstParam: number): { sql: string; params: unknown[] } {
  if (scopes.some((s) => s.kind === 'national')) return { sql: 'TRUE', params: [] };
  const departements = scopes.flatMap((s) => (s.kind === 'departement' ? [s.code] : []));
  const regions = scopes.flatMap((s) => (s.kind === 'region' ? [s.code] : []));
  const communes = scopes.flatMap((s) => (s.kind === 'commune' ? [s.insee] : []));
  if (departements.length + regions.length + communes.length === 0) return { sql: 'FALSE', params: [] };
  const [d, r, c] = [firstParam, firstParam + 1, firstParam + 2];
  return {
    sql: `(o.departement_code = ANY($${d}::varchar[]) OR o.region_code = ANY($${r}::varchar[]) OR o.commune_insee = ANY($${c}::varchar[])
           OR EXISTS (SELECT 1 FROM commune oc WHERE (oc.insee = o.commune_insee OR oc.epci_siren = o.epci_siren)
                        AND (oc.departement_code = ANY($${d}::varchar[]) OR oc.region_code = ANY($${r}::varchar[])))
           OR EXISTS (SELECT 1 FROM departement od WHERE od.code = o.departement_code AND od.region_code = ANY($${r}::varchar[])))`,
    params: [departements, regions, communes],
  };
}

import type { Scope } from '@suivi-pvd/domain';

/** The codes a set of scopes covers, by kind; `national` when one covers the country, `none` when none covers anything. */
export type ScopeSets = 'national' | 'none' | { communes: string[]; epcis: string[]; departements: string[]; regions: string[] };

export function scopeSets(scopes: readonly Scope[]): ScopeSets {
  if (scopes.some((s) => s.kind === 'national')) return 'national';
  const sets = {
    communes: scopes.flatMap((s) => (s.kind === 'commune' ? [s.insee] : [])),
    epcis: scopes.flatMap((s) => (s.kind === 'epci' ? [s.siren] : [])),
    departements: scopes.flatMap((s) => (s.kind === 'departement' ? [s.code] : [])),
    regions: scopes.flatMap((s) => (s.kind === 'region' ? [s.code] : [])),
  };
  return sets.communes.length + sets.epcis.length + sets.departements.length + sets.regions.length === 0 ? 'none' : sets;
}

/**
 * The kinds a scope covers, as parameters numbered from `firstParam`: one per non-empty kind, and
 * `any(kind, column)` the condition for that kind (null when the scope has none of it). A
 * préfecture's scope is then one condition on the département with one parameter, not four OR'd
 * conditions three of which compare with empty arrays: a shorter statement to plan, and a generic
 * plan (prepared statements) estimated on what is really asked.
 */
export function scopeKinds(sets: Exclude<ScopeSets, 'national' | 'none'>, firstParam: number) {
  const params: unknown[] = [];
  const numbers = new Map<keyof typeof sets, number>();
  for (const kind of ['communes', 'epcis', 'departements', 'regions'] as const) {
    if (sets[kind].length === 0) continue;
    params.push(sets[kind]);
    numbers.set(kind, firstParam + params.length - 1);
  }
  const any = (kind: keyof typeof sets, column: string): string | null => {
    const n = numbers.get(kind);
    return n === undefined ? null : `${column} = ANY($${n}::varchar[])`;
  };
  return { params, any };
}

/** The conditions that are not null, OR'd; FALSE when none is. */
export function anyOf(...conditions: (string | null)[]): string {
  const kept = conditions.filter((c): c is string => c !== null);
  return kept.length === 0 ? 'FALSE' : kept.join(' OR ');
}

/**
 * SQL condition restricting PVDs (alias `p`) to the caller's scopes, with its parameters
 * numbered from `firstParam`. The territory compared is the one stored for the PVD's communes,
 * never an id from the request. No scope at all gives FALSE: nothing is visible.
 */
export function pvdScopeCondition(scopes: readonly Scope[], firstParam: number, few = false): { sql: string; params: unknown[] } {
  const sets = scopeSets(scopes);
  if (sets === 'national') return { sql: 'TRUE', params: [] };
  if (sets === 'none') return { sql: 'FALSE', params: [] };
  const { params, any } = scopeKinds(sets, firstParam);
  const communes = anyOf(any('communes', 'sc.insee'), any('epcis', 'sc.epci_siren'), any('departements', 'sc.departement_code'), any('regions', 'sc.region_code'));
  return {
    // For many PVDs (a list), IN rather than a correlated EXISTS: under the OR, PostgreSQL computes
    // the set once and hashes it, instead of running the subquery for every PVD. For a few (`few`:
    // the PVDs a page of lines links to), the EXISTS probes each PVD's own communes instead of
    // computing the set of every PVD in scope (1.4 ms for a département at twice national size).
    sql: few
      ? `(${anyOf(any('epcis', 'p.epci_siren'), `EXISTS (
            SELECT 1 FROM pvd_commune spc JOIN commune sc ON sc.insee = spc.commune_insee WHERE spc.pvd_id = p.id AND (${communes}))`)})`
      : `(${anyOf(any('epcis', 'p.epci_siren'), `p.id IN (
            SELECT spc.pvd_id FROM pvd_commune spc JOIN commune sc ON sc.insee = spc.commune_insee
             WHERE ${communes})`)})`,
    params,
  };
}

/**
 * SQL condition restricting communes (alias `alias`) to the caller's scopes, parameters numbered
 * from `firstParam`: the commune, its EPCI (and, with `pvdEpci`, the EPCI its PVD is attached to),
 * its département or région is in scope. The equivalent of `pvdScopeCondition` for one commune.
 */
export function communeScopeCondition(scopes: readonly Scope[], firstParam: number, alias = 'c', pvdEpci?: string): { sql: string; params: unknown[] } {
  const sets = scopeSets(scopes);
  if (sets === 'national') return { sql: 'TRUE', params: [] };
  if (sets === 'none') return { sql: 'FALSE', params: [] };
  const { params, any } = scopeKinds(sets, firstParam);
  return {
    sql: `(${anyOf(
      any('communes', `${alias}.insee`),
      any('epcis', `${alias}.epci_siren`),
      pvdEpci ? any('epcis', pvdEpci) : null,
      any('departements', `${alias}.departement_code`),
      any('regions', `${alias}.region_code`),
    )})`,
    params,
  };
}

/**
 * `pvdScopeCondition` as a set of PVD ids (`<alias>.id IN (…)`), without OR: each kind of scope
 * is probed through its own index (a commune's PVD, an EPCI's communes and PVDs, a département's
 * or a région's communes), so a list of one territory touches only that territory's rows instead
 * of filtering the nation's. Parameters as `scopeKinds` numbers them, from `firstParam`.
 */
export function pvdScopeIdsCondition(scopes: readonly Scope[], firstParam: number, alias = 'p'): { sql: string; params: unknown[] } {
  const sets = scopeSets(scopes);
  if (sets === 'national') return { sql: 'TRUE', params: [] };
  if (sets === 'none') return { sql: 'FALSE', params: [] };
  const { params, any } = scopeKinds(sets, firstParam);
  const viaCommunes = (condition: string | null) =>
    condition === null ? null : `SELECT spc.pvd_id FROM commune sc JOIN pvd_commune spc ON spc.commune_insee = sc.insee WHERE ${condition}`;
  const communes = any('communes', 'spc.commune_insee');
  const epcis = any('epcis', 'sp.epci_siren');
  const branches = [
    communes === null ? null : `SELECT spc.pvd_id FROM pvd_commune spc WHERE ${communes}`,
    epcis === null ? null : `SELECT sp.id FROM pvd sp WHERE ${epcis}`,
    viaCommunes(any('epcis', 'sc.epci_siren')),
    viaCommunes(any('departements', 'sc.departement_code')),
    viaCommunes(any('regions', 'sc.region_code')),
  ].filter((x): x is string => x !== null);
  return { sql: `${alias}.id IN (${branches.join(' UNION ')})`, params };
}

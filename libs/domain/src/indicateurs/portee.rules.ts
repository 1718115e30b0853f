import { scopeCovers, scopesFor, type Membership, type Territory } from '../access/permissions';

/** The area an indicator is computed for. */
export const PORTEE_TYPES = ['nation', 'region', 'departement', 'epci', 'pvd'] as const;
export type PorteeType = (typeof PORTEE_TYPES)[number];
export const PORTEE_TYPE_LABELS: Record<PorteeType, string> = {
  nation: 'France entière',
  region: 'Région',
  departement: 'Département',
  epci: 'EPCI',
  pvd: 'Petite ville de demain',
};

export type Portee = { type: 'nation' } | { type: Exclude<PorteeType, 'nation'>; code: string };

export function isPorteeType(value: unknown): value is PorteeType {
  return typeof value === 'string' && (PORTEE_TYPES as readonly string[]).includes(value);
}

/**
 * Whether the user may read indicators at this scope, judged on the scope's stored territory
 * (`territoire`: for a département its code and région; for an EPCI its SIREN, its communes'
 * départements and régions; for a PVD its communes, EPCI, départements and régions). A national
 * membership reads everything; a préfecture its département and what lies within; a SGAR its
 * région; a chef de projet its own PVD. The nation is read only with a national membership.
 */
export function porteeAutorisee(memberships: readonly Membership[], portee: Portee, territoire: Territory): boolean {
  const scopes = scopesFor(memberships, 'indicateurs:lire');
  if (portee.type === 'nation') return scopes.some((s) => s.kind === 'national');
  return scopes.some((s) => {
    if (s.kind === 'commune' || s.kind === 'epci') {
      // Communes and EPCI read their PVD (and their EPCI), never a département or a région.
      if (portee.type === 'departement' || portee.type === 'region') return false;
    }
    return scopeCovers(s, territoire);
  });
}

/**
 * The scope a user's dashboards open on: the widest the user may read (the nation for the ANCT and
 * partners, the région for a SGAR, the département for a préfecture), or null when the user has
 * no area-wide scope (a chef de projet reads its PVD's summary on the dossier).
 */
export function porteeParDefaut(memberships: readonly Membership[]): Portee | null {
  const scopes = scopesFor(memberships, 'indicateurs:lire');
  if (scopes.some((s) => s.kind === 'national')) return { type: 'nation' };
  const region = scopes.find((s) => s.kind === 'region');
  if (region && region.kind === 'region') return { type: 'region', code: region.code };
  const dep = scopes.find((s) => s.kind === 'departement');
  if (dep && dep.kind === 'departement') return { type: 'departement', code: dep.code };
  return null;
}

/**
 * Who may do what. Shared by the API (guards) and the web app (navigation), so the UI hides
 * exactly what the API forbids. Record-level scope (which commune, which département) is checked
 * by the API against stored ownership; this table only says which kinds of action a role may take.
 */
export const ROLES = ['chef_de_projet', 'prefecture', 'anct', 'administrateur'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  chef_de_projet: 'Chef de projet PVD',
  prefecture: 'Préfecture',
  anct: 'ANCT – direction de programme',
  administrateur: 'Administrateur',
};

export const PERMISSIONS = [
  'referentiel:lire',
  'referentiel:importer',
  'pvd:lire',
  'pvd:importer',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const TABLE: Record<Role, readonly Permission[]> = {
  chef_de_projet: ['referentiel:lire', 'pvd:lire'],
  prefecture: ['referentiel:lire', 'pvd:lire'],
  anct: ['referentiel:lire', 'pvd:lire', 'pvd:importer', 'referentiel:importer'],
  administrateur: ['referentiel:lire', 'pvd:lire', 'pvd:importer', 'referentiel:importer'],
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return TABLE[role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return TABLE[role];
}

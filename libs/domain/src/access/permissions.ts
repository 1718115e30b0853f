/**
 * Who may do what, shared by the API (guards, SQL scoping) and the web app (navigation), so the
 * UI hides exactly what the API forbids.
 *
 * A user belongs to organisations (commune, EPCI, préfecture, SGAR, ANCT, partner) with a role in
 * each. A role grants permissions; the organisation gives the scope where they apply (one
 * commune, an EPCI, a département, a région, the whole country). Record-level checks compare the
 * scope with the ownership stored in the database, never with ids taken from the request.
 */
export const ORGANISATION_TYPES = ['commune', 'epci', 'prefecture', 'sgar', 'anct', 'partenaire'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  commune: 'Commune',
  epci: 'EPCI',
  prefecture: 'Préfecture de département',
  sgar: 'SGAR / préfecture de région',
  anct: 'ANCT',
  partenaire: 'Partenaire',
};

export const ROLES = [
  'chef_de_projet',
  'elu_lecteur',
  'prefecture_instructeur',
  'sgar_lecteur',
  'anct_directeur',
  'partenaire',
  'administrateur',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  chef_de_projet: 'Chef de projet PVD',
  elu_lecteur: 'Élu ou lecteur',
  prefecture_instructeur: 'Préfecture – instruction',
  sgar_lecteur: 'SGAR – lecture',
  anct_directeur: 'ANCT – direction de programme',
  partenaire: 'Partenaire',
  administrateur: 'Administrateur',
};

/** Which roles an organisation of each type can give. */
export const ROLES_BY_ORGANISATION_TYPE: Record<OrganisationType, readonly Role[]> = {
  commune: ['chef_de_projet', 'elu_lecteur'],
  epci: ['chef_de_projet', 'elu_lecteur'],
  prefecture: ['prefecture_instructeur'],
  sgar: ['sgar_lecteur'],
  anct: ['anct_directeur', 'administrateur'],
  partenaire: ['partenaire'],
};

export const PERMISSIONS = [
  'referentiel:lire',
  'referentiel:importer',
  'pvd:lire',
  'pvd:resume',
  'pvd:importer',
  'pvd:modifier',
  'territoire:saisir',
  'national:importer',
  'convention:valider',
  'convention:suivre',
  'programme:parametrer',
  'indicateurs:lire',
  'rapport:publier',
  'financement:saisir',
  'financement:lire',
  'mission:lire',
  'mission:saisir',
  'subvention:instruire',
  'comptes:lire',
  'comptes:inviter',
  'comptes:gerer',
  'audit:lire',
  'jobs:administrer',
  'club:lire',
  'club:inscrire',
  'club:organiser',
  'fiche:rediger',
  'fiche:publier',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

// `pvd:resume`: reading a dossier's summary. Whoever reads the dossier (`pvd:lire`) reads its summary; a partner
// reads it only for the PVDs where its organisation funds something (`lectureDuDossier`), never by its national scope.
const TABLE: Record<Role, readonly Permission[]> = {
  // `territoire:saisir`: ORT and thematic schemes' participations, over the communes of the scope (the ANCT's: anywhere).
  // The Club: `club:lire` the agenda and the projetothèque (signed in), `club:inscrire` to events (chefs de projet and élus),
  // `club:organiser` events (the ANCT anywhere, a préfecture its département's club and local events, a partner its trainings),
  // `fiche:rediger` project sheets of one's PVD, `fiche:publier` reviewing and publishing them (the ANCT).
  chef_de_projet: ['referentiel:lire', 'pvd:lire', 'pvd:resume', 'pvd:modifier', 'territoire:saisir', 'indicateurs:lire', 'mission:lire', 'mission:saisir', 'financement:lire', 'club:lire', 'club:inscrire', 'fiche:rediger'],
  elu_lecteur: ['referentiel:lire', 'pvd:lire', 'pvd:resume', 'indicateurs:lire', 'mission:lire', 'financement:lire', 'club:lire', 'club:inscrire'],
  prefecture_instructeur: [
    'referentiel:lire',
    'pvd:lire',
    'pvd:resume',
    'convention:valider',
    'convention:suivre',
    'subvention:instruire',
    'indicateurs:lire',
    'mission:lire',
    'financement:lire',
    'comptes:lire',
    'comptes:inviter',
    'club:lire',
    'club:organiser',
  ],
  // `convention:suivre`: reading the conventions awaiting the préfecture and the late ones (the work list), over the scope;
  // the préfecture acts on them, the SGAR (its région) and the ANCT (national) only follow them.
  sgar_lecteur: ['referentiel:lire', 'pvd:lire', 'pvd:resume', 'convention:suivre', 'indicateurs:lire', 'mission:lire', 'financement:lire', 'club:lire'],
  // The ANCT loads the national state in bulk (`national:importer`) and writes ORT and participations anywhere;
  // it generates the Point d'avancement as PDF and publishes it (`rapport:publier`).
  anct_directeur: [
    'referentiel:lire',
    'referentiel:importer',
    'pvd:lire',
    'pvd:resume',
    'pvd:importer',
    'territoire:saisir',
    'national:importer',
    'convention:suivre',
    'programme:parametrer',
    'indicateurs:lire',
    'rapport:publier',
    'mission:lire',
    'financement:lire',
    'club:lire',
    'club:organiser',
    'fiche:publier',
  ],
  // Partners write their own missions and financing, for any PVD; of the dossiers, they read the summary of those where
  // their organisation funds something (`pvd:resume`, see `lectureDuDossier`), never the documents, contacts or history.
  partenaire: ['referentiel:lire', 'pvd:resume', 'indicateurs:lire', 'financement:saisir', 'financement:lire', 'mission:lire', 'mission:saisir', 'club:lire', 'club:organiser'],
  administrateur: ['referentiel:lire', 'pvd:lire', 'pvd:resume', 'indicateurs:lire', 'mission:lire', 'financement:lire', 'comptes:lire', 'comptes:inviter', 'comptes:gerer', 'audit:lire', 'jobs:administrer', 'club:lire'],
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isOrganisationType(value: unknown): value is OrganisationType {
  return typeof value === 'string' && (ORGANISATION_TYPES as readonly string[]).includes(value);
}

export function roleCan(role: Role, permission: Permission): boolean {
  return TABLE[role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return TABLE[role];
}

/** Where a membership applies. */
export type Scope =
  | { kind: 'national' }
  | { kind: 'region'; code: string }
  | { kind: 'departement'; code: string }
  | { kind: 'epci'; siren: string }
  | { kind: 'commune'; insee: string }
  | { kind: 'aucun' };

/** A user's role in one organisation, with the territory the organisation stands for. */
export interface Membership {
  organisationId: string;
  organisationType: OrganisationType;
  organisationNom: string;
  role: Role;
  communeInsee: string | null;
  epciSiren: string | null;
  departementCode: string | null;
  regionCode: string | null;
}

export function scopeOf(m: Membership): Scope {
  switch (m.organisationType) {
    case 'commune':
      return m.communeInsee ? { kind: 'commune', insee: m.communeInsee } : { kind: 'aucun' };
    case 'epci':
      return m.epciSiren ? { kind: 'epci', siren: m.epciSiren } : { kind: 'aucun' };
    case 'prefecture':
      return m.departementCode ? { kind: 'departement', code: m.departementCode } : { kind: 'aucun' };
    case 'sgar':
      return m.regionCode ? { kind: 'region', code: m.regionCode } : { kind: 'aucun' };
    case 'anct':
      return { kind: 'national' };
    case 'partenaire':
      // Partners read national indicators; their records are their own financing. Their national scope never opens a
      // dossier: they read the summary of those where they fund something (`lectureDuDossier`), not `pvd:lire`.
      return { kind: 'national' };
  }
}

/** Whether any of the memberships grants the permission (somewhere). */
export function can(memberships: readonly Membership[], permission: Permission): boolean {
  return memberships.some((m) => roleCan(m.role, permission));
}

/** The scopes in which the memberships grant the permission; empty when nowhere. */
export function scopesFor(memberships: readonly Membership[], permission: Permission): Scope[] {
  return memberships.filter((m) => roleCan(m.role, permission)).map(scopeOf).filter((s) => s.kind !== 'aucun');
}

/** Every permission the memberships grant, for the UI. */
export function allPermissions(memberships: readonly Membership[]): Permission[] {
  return PERMISSIONS.filter((p) => can(memberships, p));
}

/** Whether a role may be given in an organisation of this type. */
export function roleFitsOrganisation(role: Role, type: OrganisationType): boolean {
  return ROLES_BY_ORGANISATION_TYPE[type].includes(role);
}

/** A territory, as stored for a record (a PVD, a commune, an organisation). */
export interface Territory {
  communes: readonly string[];
  epciSirens: readonly string[];
  departementCodes: readonly string[];
  regionCodes: readonly string[];
}

/** Whether a scope covers a record's stored territory. Used for single-record checks in code. */
export function scopeCovers(scope: Scope, territory: Territory): boolean {
  switch (scope.kind) {
    case 'national':
      return true;
    case 'region':
      return territory.regionCodes.includes(scope.code);
    case 'departement':
      return territory.departementCodes.includes(scope.code);
    case 'epci':
      return territory.epciSirens.includes(scope.siren);
    case 'commune':
      return territory.communes.includes(scope.insee);
    case 'aucun':
      return false;
  }
}

/**
 * The roles a user holds over a record: those of the memberships whose scope covers the record's
 * stored territory. A chef de projet of Ahun is no chef de projet for Ajain.
 */
export function rolesCovering(memberships: readonly Membership[], territory: Territory): Role[] {
  return [...new Set(memberships.filter((m) => scopeCovers(scopeOf(m), territory)).map((m) => m.role))];
}

/** Whether a membership covering the record's territory grants the permission there. */
export function canOn(memberships: readonly Membership[], permission: Permission, territory: Territory): boolean {
  return memberships.some((m) => roleCan(m.role, permission) && scopeCovers(scopeOf(m), territory));
}

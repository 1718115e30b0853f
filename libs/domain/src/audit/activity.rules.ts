import { scopesFor, type Membership } from '../access/permissions';
import { addDaysIso } from '../calendar/calendar';

/**
 * The activity feeds (issue 18): what happened in the dossiers, read from the audit log in words.
 * Only the entries of a dossier, of the kinds below, are shown: accounts, sign-ins, organisations,
 * jobs and the programme's settings never appear, whatever dossier they might name (an allowlist,
 * so a new kind of entry stays out until it is added here).
 */
export const ACTIVITY_KINDS = {
  convention: 'Conventions',
  document: 'Documents',
  pvd_contact: 'Contacts du dossier',
  pvd: 'Dossier et communes',
  poste: 'Postes',
  demande_cofinancement: 'Demandes de cofinancement',
  mission: 'Missions',
  ligne_financement: 'Financements',
  operation_habitat: 'Opérations d’habitat',
  ort: 'ORT',
  demarche_participation: 'Démarches thématiques',
} as const;

export type ActivityKind = keyof typeof ACTIVITY_KINDS;
export const ACTIVITY_KIND_CODES = Object.keys(ACTIVITY_KINDS) as ActivityKind[];

export function isActivityKind(value: unknown): value is ActivityKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ACTIVITY_KINDS, value);
}

/** The feeds' scopes: one dossier, a département (préfecture), a région (SGAR), the country (ANCT). */
export const ACTIVITY_SCOPES = ['dossier', 'departement', 'region', 'national'] as const;
export type ActivityScope = (typeof ACTIVITY_SCOPES)[number];

/**
 * A date filter as a half-open range of calendar days: entries from `du` (included) to the day
 * after `au` (excluded), both read in the programme's time zone by SQL. An inverted range is an
 * error naming `au`.
 */
export function activityDayRange(du: string | undefined, au: string | undefined): { from: string | null; until: string | null; error: 'au' | null } {
  if (du && au && au < du) return { from: du, until: null, error: 'au' };
  return { from: du ?? null, until: au ? addDaysIso(au, 1) : null, error: null };
}

/**
 * The territorial feed a user follows, from where they read the dossiers (`pvd:lire`): the
 * country (ANCT), a région (SGAR), a département (préfecture); null for the others (a chef de
 * projet follows their dossiers from each dossier's page; a partner reads no feed).
 */
export function activityTerritoryOf(memberships: readonly Membership[]): { kind: 'national' } | { kind: 'region' | 'departement'; code: string } | null {
  const scopes = scopesFor(memberships, 'pvd:lire');
  if (scopes.some((s) => s.kind === 'national')) return { kind: 'national' };
  const region = scopes.find((s) => s.kind === 'region');
  if (region?.kind === 'region') return { kind: 'region', code: region.code };
  const departement = scopes.find((s) => s.kind === 'departement');
  if (departement?.kind === 'departement') return { kind: 'departement', code: departement.code };
  return null;
}

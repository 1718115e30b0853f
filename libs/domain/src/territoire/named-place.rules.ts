import { canOn, type Membership, type Permission, type Territory } from '../access/permissions';
import type { CoveredCommune } from './coverage.rules';

/**
 * A place a record names besides the communes it covers: an habitat operation's maître d'ouvrage,
 * an ORT's signing EPCI, a chef de projet post's employer. (A financing line's beneficiary is the
 * line's own place: what it is judged on, by `ligneFinancementRights`.)
 */
export type NamedPlaceUse = 'maitreOuvrage' | 'epciSignataire' | 'employeur';

/** The named place as stored: a commune (itself, its EPCI, département, région) or an EPCI (its member communes, itself, their départements and régions). */
export interface NamedPlace {
  kind: 'commune' | 'epci';
  code: string;
  nom?: string;
  territory: Territory;
}

/** What the place is judged against: the record's communes as stored. */
export interface NamingRecord {
  /** The communes the record covers (ORT, habitat operation), or its PVD's communes (post). */
  communes: readonly (CoveredCommune & { nom?: string })[];
  /** EPCIs the record belongs to besides its communes' (a PVD's own EPCI). */
  epciSirens?: readonly string[];
  /**
   * For a PVD's records (posts): the PVD's stored territory. A PVD is one dossier: whoever may
   * modify it may name any of its communes or its EPCI, so the actor is judged on the PVD rather
   * than on the place alone. Absent for records entered over several communes (ORT, operations),
   * where the actor is judged on the place itself.
   */
  pvdTerritory?: Territory;
}

const label = (place: NamedPlace) => place.nom ?? place.code;

/** Whether the EPCI `place` counts the commune among its members (as stored). */
const memberOf = (place: NamedPlace, c: CoveredCommune) => place.kind === 'epci' && (c.epciSiren === place.code || place.territory.communes.includes(c.insee));

/**
 * Whether the place fits the record, whoever names it (national roles included); the French
 * message when it does not:
 * - a maître d'ouvrage or an employer is one of the record's communes, or an EPCI at least one
 *   of them belongs to (for a post, also the PVD's own EPCI);
 * - an ORT's signing EPCI is an EPCI, and every commune of the ORT is one of its members.
 */
export function namedPlaceIncoherence(use: NamedPlaceUse, record: NamingRecord, place: NamedPlace): string | null {
  if (use === 'epciSignataire') {
    if (place.kind !== 'epci') return 'L’ORT est signée par un EPCI : indiquez son SIREN.';
    const outside = record.communes.filter((c) => !memberOf(place, c));
    if (outside.length === 0) return null;
    const names = outside.map((c) => c.nom ?? c.insee).join(', ');
    return `${names} ${outside.length > 1 ? 'ne sont pas membres' : 'n’est pas membre'} de ${label(place)} : l’EPCI signataire d’une ORT compte parmi ses membres toutes les communes qu’elle couvre.`;
  }
  const fits =
    place.kind === 'commune'
      ? record.communes.some((c) => c.insee === place.code)
      : record.communes.some((c) => memberOf(place, c)) || (record.epciSirens ?? []).includes(place.code);
  if (fits) return null;
  if (use === 'employeur') return 'L’employeur doit être l’une des communes de la PVD ou son EPCI.';
  return place.kind === 'commune'
    ? `${label(place)} n’est pas couverte par l’opération : le maître d’ouvrage est l’une des communes couvertes, ou un EPCI dont l’une d’elles est membre.`
    : `Aucune commune couverte par l’opération n’est membre de ${label(place)} : le maître d’ouvrage est l’une des communes couvertes, ou un EPCI dont l’une d’elles est membre.`;
}

/**
 * Whether the actor may name the place; the French message when not. The place must lie within
 * the actor's territory for `permission`, judged on stored territory (an EPCI is within the
 * territory of the chef de projet of one of its communes; national roles pass). A place left as
 * it was (`previous`) never blocks a change, whoever named it, as communes left as they are in
 * `coverageWriteCheck`.
 */
export function namedPlaceRefusal(
  memberships: readonly Membership[],
  permission: Permission,
  use: NamedPlaceUse,
  record: NamingRecord,
  place: NamedPlace,
  previous: { kind: 'commune' | 'epci'; code: string } | null,
): string | null {
  if (previous && previous.kind === place.kind && previous.code === place.code) return null;
  if (canOn(memberships, permission, record.pvdTerritory ?? place.territory)) return null;
  switch (use) {
    case 'maitreOuvrage':
      return `${label(place)} est hors de votre territoire : choisissez comme maître d’ouvrage une commune ou un EPCI de votre territoire.`;
    case 'epciSignataire':
      return `${label(place)} est hors de votre territoire : l’EPCI signataire doit être celui d’une commune de votre territoire.`;
    case 'employeur':
      return `${label(place)} est hors de votre territoire : choisissez l’une des communes de votre petite ville de demain ou son EPCI.`;
  }
}

/**
 * A place named by a record, for create and update: `incoherent` (a 400 on the field) when it does
 * not fit the record, whoever names it; else `horsTerritoire` (a 403 on the field) when the actor
 * may not name it.
 */
export function namedPlaceCheck(
  memberships: readonly Membership[],
  permission: Permission,
  use: NamedPlaceUse,
  record: NamingRecord,
  place: NamedPlace,
  previous: { kind: 'commune' | 'epci'; code: string } | null,
): { incoherent: string | null; horsTerritoire: string | null } {
  const incoherent = namedPlaceIncoherence(use, record, place);
  return { incoherent, horsTerritoire: incoherent ? null : namedPlaceRefusal(memberships, permission, use, record, place, previous) };
}

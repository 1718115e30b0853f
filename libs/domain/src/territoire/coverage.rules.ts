import { canOn, type Membership, type Permission, type Territory } from '../access/permissions';

/** A commune as stored, with what its access is judged on. */
export interface CoveredCommune {
  insee: string;
  epciSiren: string | null;
  departementCode: string;
  regionCode: string;
}

/** Who carries a record covering several communes: an ORT's EPCI, an habitat operation's maître d'ouvrage. */
export interface Porteur {
  kind: 'commune' | 'epci';
  code: string;
  /** Its stored territory (for an EPCI: its member communes, itself, their départements and régions). */
  territory: Territory;
}

/** The stored territory of one commune. */
export function communeTerritory(c: CoveredCommune): Territory {
  return { communes: [c.insee], epciSirens: c.epciSiren ? [c.epciSiren] : [], departementCodes: [c.departementCode], regionCodes: [c.regionCode] };
}

/** The stored territory of a record covering these communes: the union of theirs. */
export function coverageTerritory(communes: readonly CoveredCommune[]): Territory {
  const uniq = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => Boolean(v)))];
  return {
    communes: uniq(communes.map((c) => c.insee)),
    epciSirens: uniq(communes.map((c) => c.epciSiren)),
    departementCodes: uniq(communes.map((c) => c.departementCode)),
    regionCodes: uniq(communes.map((c) => c.regionCode)),
  };
}

/**
 * Who may write a record covering several communes (an ORT, an habitat operation), entered once
 * and shown on the dossier of every PVD it covers:
 *
 * 1. the caller has `permission` over at least one commune the record covers (`autorise`):
 *    `pvd:modifier` for habitat operations, `territoire:saisir` for ORT (a chef de projet over their
 *    communes, the ANCT's national scope anywhere);
 * 2. each commune added or removed outside the caller's own territory (`changed`) is accepted only
 *    when the record is carried by an EPCI within the caller's scope and the commune is a member of
 *    that EPCI: the chef de projet of a member commune enters the EPCI's OPAH over all its
 *    communes, but cannot attach an operation to a commune elsewhere (`horsTerritoire`).
 *
 * Communes left as they are never block a change, whoever added them.
 */
export function coverageWriteCheck(
  memberships: readonly Membership[],
  covered: readonly CoveredCommune[],
  changed: readonly CoveredCommune[],
  porteur: Porteur | null,
  permission: Permission = 'pvd:modifier',
): { autorise: boolean; horsTerritoire: string[] } {
  const own = (c: CoveredCommune) => canOn(memberships, permission, communeTerritory(c));
  const viaEpci = (c: CoveredCommune) =>
    porteur !== null && porteur.kind === 'epci' && c.epciSiren === porteur.code && canOn(memberships, permission, porteur.territory);
  return {
    autorise: covered.some(own),
    horsTerritoire: changed.filter((c) => !own(c) && !viaEpci(c)).map((c) => c.insee),
  };
}

/** The communes added and removed between two lists of INSEE codes. */
export function coverageChanges(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  return { added: after.filter((c) => !before.includes(c)), removed: before.filter((c) => !after.includes(c)) };
}

/** Last day of an ORT signed on `dateSignature` for `dureeAnnees` years (yyyy-mm-dd), or null. */
export function ortDateFin(dateSignature: string | null, dureeAnnees: number | null): string | null {
  if (!dateSignature || !dureeAnnees || !/^\d{4}-\d{2}-\d{2}$/.test(dateSignature)) return null;
  const d = new Date(`${dateSignature}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + dureeAnnees);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Programme membership over time.
 *
 * A commune's membership of a PVD is a period of calendar days [debut, fin): it is a member from
 * `debut` included to `fin` excluded (`fin` null while it lasts). "The PVD communes on day D" are
 * the communes with a period containing D. Periods are never deleted: a withdrawal or a move to
 * another PVD closes the open period (and a move opens the next one on the same day). ISO days
 * (yyyy-mm-dd) compare as strings.
 */

export type MembershipStartReason = 'selection' | 'deplacement' | 'reprise';
export type MembershipEndReason = 'retrait' | 'deplacement';

export interface MembershipPeriod {
  debut: string;
  fin: string | null;
}

/** Is a commune with this period a member on `day`? */
export function isMemberOn(period: MembershipPeriod, day: string): boolean {
  return period.debut <= day && (period.fin === null || day < period.fin);
}

/** The communes members on `day`, from their periods. */
export function membersOn<P extends MembershipPeriod & { insee: string }>(periods: readonly P[], day: string): string[] {
  return [...new Set(periods.filter((p) => isMemberOn(p, day)).map((p) => p.insee))].sort();
}

/**
 * Start of a new membership: the convention d'adhésion's signature date given by the file's line,
 * else the date of effect given with the import (the selection), else the day of the import.
 */
export function membershipStartDate(dateSignature: string | null, dateEffet: string | null, today: string): string {
  return dateSignature ?? dateEffet ?? today;
}

/**
 * Day a change (move, withdrawal) takes effect: the date given, else today; never before the
 * start of the period it closes (a period cannot end before it began).
 */
export function membershipChangeDate(requested: string | null, today: string, currentStart: string): string {
  const day = requested ?? today;
  return day < currentStart ? currentStart : day;
}

/** Why a withdrawal is refused, or null when it may proceed. */
export function withdrawalRefusal(period: MembershipPeriod | null, day: string): string | null {
  if (!period || period.fin !== null) return 'Cette commune ne fait plus partie du programme.';
  if (day < period.debut) return `La date de retrait ne peut précéder l'entrée dans le programme (${period.debut}).`;
  return null;
}

const PROVISIONAL_PREFIX = 'PROV-';

/** The identifier of the single-commune PVD a line without `id_pvd` creates, e.g. PROV-23001. */
export function provisionalPvdId(insee: string): string {
  return `${PROVISIONAL_PREFIX}${insee}`;
}

/** A provisional identifier: the commune awaits its real `id_pvd` (a later file gives it). */
export function isProvisionalPvdId(idPvd: string): boolean {
  return idPvd.startsWith(PROVISIONAL_PREFIX);
}

// ---------------------------------------------------------------------------------------------
// Planning an import's membership changes

/** A line accepted by the import: `idPvd` null when the file leaves it blank. */
export interface PlannedLine {
  insee: string;
  idPvd: string | null;
}

/** A PVD as stored, with its current communes and whether its dossier holds anything. */
export interface PlannedPvd {
  pvdId: string;
  idPvd: string;
  communes: readonly string[];
  /** Conventions, contacts, documents, posts, missions… attached to the PVD. */
  hasDossier: boolean;
  /** The commune holding the dossier (the chef de projet's employer, else the most populous). */
  dossierCommune: string | null;
}

export interface MembershipPlanInput {
  lines: readonly PlannedLine[];
  /** The PVDs the file's communes belong to today and the PVDs the file names that exist. */
  pvds: readonly PlannedPvd[];
  /** The ANCT's choices from the preview: old id_pvd → id_pvd of the group that takes the dossier. */
  choices?: Readonly<Record<string, string>>;
}

export type PlannedOutcome = 'created' | 'moved' | 'unchanged' | 'blocked';

export interface PlannedLineResult {
  insee: string;
  /** The id_pvd the commune ends up under (a provisional one for a blank id_pvd). */
  idPvd: string;
  outcome: PlannedOutcome;
  /** For a move: the id of the PVD it leaves. */
  fromPvdId: string | null;
  warnings: string[];
  /** For a blocked line: why. */
  message: string | null;
}

/** A PVD whose communes all leave for groups the file creates: which one takes its dossier. */
export interface DossierChoice {
  pvdId: string;
  idPvd: string;
  options: string[];
  proposed: string;
  chosen: string;
}

export interface MembershipPlan {
  lines: PlannedLineResult[];
  /** PVD records kept under a new id_pvd (the dossier follows its communes). */
  renames: { pvdId: string; from: string; to: string }[];
  /** id_pvd of PVDs to create. */
  creates: string[];
  choices: DossierChoice[];
  /** Choices given that are not among the options, as `old id_pvd → given value`. */
  invalidChoices: string[];
}

/**
 * Decides what an import does to memberships, so that no PVD with a dossier is left without
 * communes:
 * - a blank id_pvd keeps a member commune where it is, and makes a provisional single-commune
 *   PVD of a commune outside the programme;
 * - a PVD keeping at least one commune (or receiving one) under its id keeps its dossier;
 * - a PVD whose communes all leave for one group the file creates is renamed to that group's
 *   id (same record: dossier and history stay), e.g. a provisional PVD getting its real id, or a
 *   group renumbered;
 * - a PVD with a dossier whose communes split between several new groups (a binôme split) is
 *   renamed to the group of the commune holding the dossier, unless the ANCT chose another in
 *   the preview; the other groups are created;
 * - a PVD with a dossier whose communes all join existing PVDs cannot keep its dossier anywhere:
 *   those moves are blocked (reported; the communes stay) for the ANCT to settle by hand.
 */
export function planMembershipChanges(input: MembershipPlanInput): MembershipPlan {
  const pvdById = new Map(input.pvds.map((p) => [p.pvdId, p]));
  const pvdByIdPvd = new Map(input.pvds.map((p) => [p.idPvd, p]));
  const currentOf = new Map<string, PlannedPvd>();
  for (const p of input.pvds) for (const insee of p.communes) currentOf.set(insee, p);
  const choices = input.choices ?? {};

  const target = new Map<string, string>();
  const warnings = new Map<string, string[]>();
  for (const line of input.lines) {
    const current = currentOf.get(line.insee);
    if (line.idPvd) target.set(line.insee, line.idPvd);
    else if (current) {
      target.set(line.insee, current.idPvd);
      warnings.set(line.insee, [`id_pvd vide : la commune reste dans ${current.idPvd}.`]);
    } else {
      const provisional = provisionalPvdId(line.insee);
      target.set(line.insee, provisional);
      warnings.set(line.insee, [`id_pvd vide : PVD provisoire ${provisional} créée pour cette seule commune, à regrouper par un fichier donnant son id_pvd.`]);
    }
  }

  // Communes leaving each PVD, and whether anything stays or arrives under its id.
  const leaving = new Map<string, string[]>();
  const incoming = new Set<string>();
  for (const line of input.lines) {
    const to = target.get(line.insee) as string;
    const current = currentOf.get(line.insee);
    if (current && current.idPvd !== to) leaving.set(current.pvdId, [...(leaving.get(current.pvdId) ?? []), line.insee]);
    if (!current || current.idPvd !== to) incoming.add(to);
  }

  const renames: MembershipPlan['renames'] = [];
  const claimed = new Set<string>();
  const planChoices: DossierChoice[] = [];
  const invalidChoices: string[] = [];
  const blocked = new Map<string, string>();
  // PVDs with a dossier first: they need a group to go to more than empty ones do.
  const emptied = [...leaving.keys()]
    .map((id) => pvdById.get(id) as PlannedPvd)
    .filter((p) => {
      const out = new Set(leaving.get(p.pvdId));
      return p.communes.every((c) => out.has(c)) && !incoming.has(p.idPvd);
    })
    .sort((a, b) => Number(b.hasDossier) - Number(a.hasDossier) || a.idPvd.localeCompare(b.idPvd));

  for (const p of emptied) {
    const out = leaving.get(p.pvdId) as string[];
    const targets = [...new Set(out.map((insee) => target.get(insee) as string))].sort();
    const options = targets.filter((t) => !pvdByIdPvd.has(t) && !claimed.has(t));
    if (!p.hasDossier) {
      if (targets.length === 1 && options.length === 1) {
        renames.push({ pvdId: p.pvdId, from: p.idPvd, to: options[0] });
        claimed.add(options[0]);
      }
      continue;
    }
    if (options.length === 0) {
      for (const insee of out) {
        blocked.set(
          insee,
          `Déplacement non appliqué : ${p.idPvd} a un dossier (conventions, contacts, documents…) et perdrait toutes ses communes au profit de PVD existantes. ` +
            'Regroupez les dossiers ou retirez la commune depuis la page de la PVD.',
        );
      }
      continue;
    }
    let chosen = options[0];
    if (targets.length > 1 || options.length > 1) {
      const holder = p.dossierCommune ? target.get(p.dossierCommune) : undefined;
      const proposed = holder && options.includes(holder) ? holder : options[0];
      const given = choices[p.idPvd];
      if (given !== undefined && !options.includes(given)) invalidChoices.push(`${p.idPvd} → ${given}`);
      chosen = given !== undefined && options.includes(given) ? given : proposed;
      planChoices.push({ pvdId: p.pvdId, idPvd: p.idPvd, options, proposed, chosen });
    }
    renames.push({ pvdId: p.pvdId, from: p.idPvd, to: chosen });
    claimed.add(chosen);
  }

  const renamedTo = new Map(renames.map((r) => [r.to, r.pvdId]));
  const creates = new Set<string>();
  const lines: PlannedLineResult[] = input.lines.map((line) => {
    const idPvd = target.get(line.insee) as string;
    const current = currentOf.get(line.insee) ?? null;
    const lineWarnings = warnings.get(line.insee) ?? [];
    const message = blocked.get(line.insee);
    if (message && current) {
      return { insee: line.insee, idPvd: current.idPvd, outcome: 'blocked', fromPvdId: null, warnings: lineWarnings, message };
    }
    const finalPvdId = renamedTo.get(idPvd) ?? pvdByIdPvd.get(idPvd)?.pvdId ?? null;
    if (finalPvdId === null) creates.add(idPvd);
    if (!current) return { insee: line.insee, idPvd, outcome: 'created', fromPvdId: null, warnings: lineWarnings, message: null };
    if (current.pvdId === finalPvdId) return { insee: line.insee, idPvd, outcome: 'unchanged', fromPvdId: null, warnings: lineWarnings, message: null };
    return { insee: line.insee, idPvd, outcome: 'moved', fromPvdId: current.pvdId, warnings: lineWarnings, message: null };
  });
  return { lines, renames, creates: [...creates].sort(), choices: planChoices, invalidChoices };
}

// ---------------------------------------------------------------------------------------------
// Coverage of a file

export interface CoverageArea {
  code: string;
  nom: string;
}

export interface FileCoverage {
  departements: { presents: CoverageArea[]; absents: CoverageArea[] };
  regions: { presents: CoverageArea[]; absents: CoverageArea[] };
}

/**
 * Which départements and régions a file's accepted communes cover, and which have no line at
 * all: a file missing whole départements is likely truncated or filtered.
 */
export function fileCoverage(
  communes: readonly { departementCode: string; regionCode: string }[],
  departements: readonly (CoverageArea & { regionCode: string })[],
  regions: readonly CoverageArea[],
): FileCoverage {
  const dep = new Set(communes.map((c) => c.departementCode));
  const reg = new Set(communes.map((c) => c.regionCode));
  const split = <A extends CoverageArea>(areas: readonly A[], present: Set<string>) => ({
    presents: areas.filter((a) => present.has(a.code)).map(({ code, nom }) => ({ code, nom })),
    absents: areas.filter((a) => !present.has(a.code)).map(({ code, nom }) => ({ code, nom })),
  });
  return { departements: split(departements, dep), regions: split(regions, reg) };
}

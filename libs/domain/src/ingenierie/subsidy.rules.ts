import { HABITAT_OPERATION_TYPE_LABELS, isHabitatOperationType, type HabitatOperationType } from '../habitat/habitat-operation.rules';
import { frenchDay } from '../calendar/calendar';
import {
  PARAMETRES,
  PROGRAMME_START,
  changementParametreEnMots,
  isIsoDate,
  operationsOuvrantAnah,
  parametreEnVigueur,
  parametresConnusLe,
  type ParametreCle,
  type ParametresHistorique,
} from './programme-parameters.rules';

/**
 * The co-financing of the chef de projet post (programme-rules.md): for each calendar year, the
 * year is cut into periods where the post is held, the working time, the participating
 * co-financers and the parameters are constant; each period earns its share of the yearly
 * amount, in cents, rounded half up once per period.
 *
 * - State/ANCT and/or Banque des Territoires only: `min(rate × cost, cap) × prorata`.
 * - With the Anah as well: `min(rate × cost, cap with Anah) × prorata` in all, of which the Anah
 *   pays `min(Anah rate × cost, Anah cap) × prorata` and the others the rest.
 * - The Anah alone: its own share only.
 *
 * `prorata` = days in the period / days in the year × working time. The cost is the post's annual
 * loaded cost (salary and employer charges) for a full-time holder over the whole year. A vacant
 * day earns nothing, nor does a day before the programme's start (`PROGRAMME_START`). The Anah participates only while an habitat operation of a type that opens
 * its co-financing runs.
 */
export const COFINANCEURS = ['etat', 'bdt', 'anah'] as const;
export type Cofinanceur = (typeof COFINANCEURS)[number];

export const COFINANCEUR_LABELS: Record<Cofinanceur, string> = {
  etat: 'État / ANCT',
  bdt: 'Banque des Territoires',
  anah: 'Anah',
};

const FIN_PARTICIPATION: Record<Cofinanceur, ParametreCle> = {
  etat: 'fin_participation_etat',
  bdt: 'fin_participation_bdt',
  anah: 'fin_participation_anah',
};

export function isCofinanceur(value: unknown): value is Cofinanceur {
  return typeof value === 'string' && (COFINANCEURS as readonly string[]).includes(value);
}

export interface TitulairePeriode {
  debut: string;
  /** Last day held (inclusive); null while the holder is in post. */
  fin: string | null;
  /** Working time in percent of full time (1 to 100). */
  quotite: number;
}

export interface CoutAnnuel {
  annee: number;
  /** Annual loaded cost for a full-time holder over the whole year, in cents. */
  cout: number;
}

export interface CofinanceurParticipation {
  financeur: Cofinanceur;
  /** First day of the participation agreed for this post; null: from the start. */
  debut: string | null;
  /** Last day agreed for this post; null: until the programme's end for this co-financer. */
  fin: string | null;
  /**
   * Share in percent of the non-Anah amount, when both the State/ANCT and the Banque des
   * Territoires co-finance the post at the same time (their shares add up to 100).
   */
  part?: number | null;
}

export interface OperationHabitatLiee {
  type: HabitatOperationType;
  debut: string | null;
  /** Last day of the operation; null while it runs. */
  fin: string | null;
}

export interface SubventionInput {
  titulaires: readonly TitulairePeriode[];
  coutsAnnuels: readonly CoutAnnuel[];
  cofinanceurs: readonly CofinanceurParticipation[];
  operationHabitat: OperationHabitatLiee | null;
  parametres: ParametresHistorique;
  /**
   * Computes with the parameters as known at the end of this day (`YYYY-MM-DD`): only the values
   * decided on or before it. Absent: everything decided so far (today).
   */
  connuLe?: string;
}

export type MontantsParCofinanceur = Record<Cofinanceur, number>;

export interface SubventionPeriode {
  debut: string;
  fin: string;
  jours: number;
  /** Working time in percent; 0 while the post is vacant. */
  quotite: number;
  financeurs: Cofinanceur[];
  /** Rate (percent) and cap (euros per year) applied to the whole amount; null when nothing is due. */
  taux: number | null;
  plafond: number | null;
  total: number;
  parFinanceur: MontantsParCofinanceur;
}

export interface SubventionAnnee {
  annee: number;
  /** Annual loaded cost in cents; null when not entered (nothing is computed for the year). */
  cout: number | null;
  joursAnnee: number;
  joursTenus: number;
  periodes: SubventionPeriode[];
  total: number;
  parFinanceur: MontantsParCofinanceur;
}

export type SubventionResult =
  | { ok: true; annees: SubventionAnnee[]; total: number; parFinanceur: MontantsParCofinanceur }
  | { ok: false; erreurs: Record<string, string[]> };

/** At most this many years are computed for one post. */
export const MAX_SUBVENTION_YEARS = 30;

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const zero = (): MontantsParCofinanceur => ({ etat: 0, bdt: 0, anah: 0 });

/** `numerator / denominator` rounded half up (both positive or zero). */
function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator);
}

/** Percent (two decimals at most) in basis points; euros in cents. */
const basisPoints = (percent: number) => BigInt(Math.round(percent * 100));
const cents = (euros: number) => BigInt(Math.round(euros * 100));

/** Checks the input; field paths match the API's request body. */
export function subventionInputErrors(input: SubventionInput): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);

  input.titulaires.forEach((t, i) => {
    if (!isIsoDate(t.debut)) add(`titulaires.${i}.debut`, 'Indiquez la date d’arrivée du titulaire.');
    if (t.fin !== null && !isIsoDate(t.fin)) add(`titulaires.${i}.fin`, 'Date de départ invalide.');
    else if (t.fin !== null && isIsoDate(t.debut) && t.fin < t.debut) add(`titulaires.${i}.fin`, 'La date de départ précède la date d’arrivée.');
    if (!Number.isInteger(t.quotite) || t.quotite < 1 || t.quotite > 100) add(`titulaires.${i}.quotite`, 'La quotité de travail est un pourcentage entier entre 1 et 100.');
  });
  const sorted = input.titulaires
    .map((t, i) => ({ ...t, i }))
    .filter((t) => isIsoDate(t.debut) && (t.fin === null || (isIsoDate(t.fin) && t.fin >= t.debut)))
    .sort((a, b) => a.debut.localeCompare(b.debut));
  for (let k = 1; k < sorted.length; k++) {
    const previous = sorted[k - 1];
    if (previous.fin === null || previous.fin >= sorted[k].debut) {
      add(`titulaires.${sorted[k].i}.debut`, 'Cette période chevauche celle d’un autre titulaire : un seul titulaire à la fois.');
    }
  }

  const years = new Set<number>();
  input.coutsAnnuels.forEach((c, i) => {
    if (!Number.isInteger(c.annee) || c.annee < 2000 || c.annee > 2100) add(`coutsAnnuels.${i}.annee`, 'Année invalide.');
    else if (years.has(c.annee)) add(`coutsAnnuels.${i}.annee`, `L’année ${c.annee} figure deux fois.`);
    else years.add(c.annee);
    if (!Number.isInteger(c.cout)) add(`coutsAnnuels.${i}.cout`, 'Le coût est un montant en euros, au centime près.');
    else if (c.cout < 0) add(`coutsAnnuels.${i}.cout`, 'Le coût annuel ne peut pas être négatif.');
    else if (c.cout > 100_000_000) add(`coutsAnnuels.${i}.cout`, 'Le coût annuel dépasse 1 000 000 € : vérifiez le montant.');
  });

  const seen = new Set<Cofinanceur>();
  input.cofinanceurs.forEach((c, i) => {
    if (!isCofinanceur(c.financeur)) {
      add(`cofinanceurs.${i}.financeur`, 'Cofinanceur inconnu.');
      return;
    }
    if (seen.has(c.financeur)) add(`cofinanceurs.${i}.financeur`, `${COFINANCEUR_LABELS[c.financeur]} figure deux fois.`);
    seen.add(c.financeur);
    if (c.debut !== null && !isIsoDate(c.debut)) add(`cofinanceurs.${i}.debut`, 'Date de début invalide.');
    if (c.fin !== null && !isIsoDate(c.fin)) add(`cofinanceurs.${i}.fin`, 'Date de fin invalide.');
    else if (c.fin !== null && c.debut !== null && isIsoDate(c.debut) && c.fin < c.debut) add(`cofinanceurs.${i}.fin`, 'La date de fin précède la date de début.');
    if (c.part !== undefined && c.part !== null && (!Number.isInteger(c.part) || c.part < 0 || c.part > 100)) {
      add(`cofinanceurs.${i}.part`, 'La part est un pourcentage entier entre 0 et 100.');
    }
  });
  const etat = input.cofinanceurs.findIndex((c) => c.financeur === 'etat');
  const bdt = input.cofinanceurs.findIndex((c) => c.financeur === 'bdt');
  if (etat >= 0 && bdt >= 0 && windowsOverlap(input.cofinanceurs[etat], input.cofinanceurs[bdt])) {
    const sum = (input.cofinanceurs[etat].part ?? 0) + (input.cofinanceurs[bdt].part ?? 0);
    if (input.cofinanceurs[etat].part == null || input.cofinanceurs[bdt].part == null || sum !== 100) {
      add(`cofinanceurs.${bdt}.part`, 'L’État / ANCT et la Banque des Territoires cofinancent ensemble : indiquez la part de chacun (total 100 %).');
    }
  }

  if (input.connuLe !== undefined && !isIsoDate(input.connuLe)) add('connuLe', 'Indiquez une date valide (AAAA-MM-JJ).');
  const op = input.operationHabitat;
  if (op) {
    if (!isHabitatOperationType(op.type)) add('operationHabitat.type', 'Type d’opération inconnu.');
    if (op.debut !== null && !isIsoDate(op.debut)) add('operationHabitat.debut', 'Date de début invalide.');
    if (op.fin !== null && !isIsoDate(op.fin)) add('operationHabitat.fin', 'Date de fin invalide.');
    else if (op.fin !== null && op.debut !== null && isIsoDate(op.debut) && op.fin < op.debut) add('operationHabitat.fin', 'La date de fin précède la date de début.');
  }
  if (Object.keys(errors).length === 0) {
    const span = yearsOf(input);
    if (span.length > MAX_SUBVENTION_YEARS) add('coutsAnnuels', `Le calcul couvre au plus ${MAX_SUBVENTION_YEARS} années.`);
  }
  return errors;
}

function windowsOverlap(a: CofinanceurParticipation, b: CofinanceurParticipation): boolean {
  const aStart = a.debut ?? '0000-01-01';
  const bStart = b.debut ?? '0000-01-01';
  const aEnd = a.fin ?? '9999-12-31';
  const bEnd = b.fin ?? '9999-12-31';
  return aStart <= bEnd && bStart <= aEnd;
}

/** The years shown: from the first holder or cost to the last cost or holder's departure. */
function yearsOf(input: SubventionInput): number[] {
  const points: number[] = [];
  for (const c of input.coutsAnnuels) points.push(c.annee);
  for (const t of input.titulaires) {
    points.push(Number(t.debut.slice(0, 4)));
    if (t.fin) points.push(Number(t.fin.slice(0, 4)));
  }
  if (points.length === 0) return [];
  const years: number[] = [];
  for (let y = Math.min(...points); y <= Math.max(...points); y++) years.push(y);
  return years;
}

/**
 * Which co-financers take part on a day, the post being held or not. None before the programme's
 * start: no period before 1 October 2020 earns anything.
 */
export function cofinanceursDuJour(input: Pick<SubventionInput, 'cofinanceurs' | 'operationHabitat' | 'parametres'>, jour: string): Cofinanceur[] {
  const result: Cofinanceur[] = [];
  if (jour < PROGRAMME_START) return result;
  for (const financeur of COFINANCEURS) {
    const entry = input.cofinanceurs.find((c) => c.financeur === financeur);
    if (!entry) continue;
    if (entry.debut !== null && jour < entry.debut) continue;
    if (entry.fin !== null && jour > entry.fin) continue;
    const end = parametreEnVigueur<string | null>(input.parametres, FIN_PARTICIPATION[financeur], jour);
    if (end !== null && jour > end) continue;
    if (financeur === 'anah') {
      const op = input.operationHabitat;
      if (!op || !operationsOuvrantAnah(input.parametres, jour).includes(op.type)) continue;
      if ((op.debut !== null && jour < op.debut) || (op.fin !== null && jour > op.fin)) continue;
    }
    result.push(financeur);
  }
  return result;
}

/**
 * The days (day numbers, within [from, to]) on which the state of the post may change: the
 * programme starts, a holder arrives or leaves, a co-financer's window opens or closes, the habitat operation starts or ends,
 * a parameter takes a new value, or the day after an end date any parameter value names. Between
 * two of them everything the computation reads is constant.
 */
export function changeDays(input: Pick<SubventionInput, 'titulaires' | 'cofinanceurs' | 'operationHabitat' | 'parametres'>, from: number, to: number): number[] {
  const days = new Set<number>();
  const add = (iso: string | null, after = false) => {
    if (!iso) return;
    const d = dayNumber(iso) + (after ? 1 : 0);
    if (d >= from && d <= to) days.add(d);
  };
  add(PROGRAMME_START);
  for (const t of input.titulaires) {
    add(t.debut);
    add(t.fin, true);
  }
  for (const c of input.cofinanceurs) {
    add(c.debut);
    add(c.fin, true);
  }
  add(input.operationHabitat?.debut ?? null);
  add(input.operationHabitat?.fin ?? null, true);
  for (const values of Object.values(input.parametres)) {
    for (const v of values ?? []) {
      add(v.dateEffet);
      if (typeof v.valeur === 'string' && isIsoDate(v.valeur)) add(v.valeur, true);
    }
  }
  for (const f of COFINANCEURS) {
    const defaut = PARAMETRES[FIN_PARTICIPATION[f]].defaut;
    if (typeof defaut === 'string') add(defaut, true);
  }
  return [...days].sort((a, b) => a - b);
}

/** Day numbers (days since 1970-01-01) and back, for the callers that walk through time. */
export const toDayNumber = (iso: string) => dayNumber(iso);
export const fromDayNumber = (day: number) => isoOf(day);

interface DayState {
  quotite: number;
  financeurs: Cofinanceur[];
  taux: number;
  plafond: number;
  plafondAnah: number;
  tauxAnah: number;
  plafondPartAnah: number;
  parts: { etat: number; bdt: number };
}

function stateOn(input: SubventionInput, jour: string): DayState {
  const holder = input.titulaires.find((t) => t.debut <= jour && (t.fin === null || jour <= t.fin));
  const p = (cle: ParametreCle) => Number(parametreEnVigueur(input.parametres, cle, jour));
  const etat = input.cofinanceurs.find((c) => c.financeur === 'etat');
  const bdt = input.cofinanceurs.find((c) => c.financeur === 'bdt');
  return {
    quotite: holder ? holder.quotite : 0,
    financeurs: holder ? cofinanceursDuJour(input, jour) : [],
    taux: p('taux_subvention_poste'),
    plafond: p('plafond_poste'),
    plafondAnah: p('plafond_poste_avec_anah'),
    tauxAnah: p('taux_anah'),
    plafondPartAnah: p('plafond_anah'),
    parts: { etat: etat?.part ?? 100, bdt: bdt?.part ?? 100 },
  };
}

function periodAmounts(state: DayState, cout: number, jours: number, joursAnnee: number): Pick<SubventionPeriode, 'taux' | 'plafond' | 'total' | 'parFinanceur'> {
  const parFinanceur = zero();
  const withAnah = state.financeurs.includes('anah');
  const others = state.financeurs.filter((f): f is 'etat' | 'bdt' => f !== 'anah');
  if (state.financeurs.length === 0 || state.quotite === 0) return { taux: null, plafond: null, total: 0, parFinanceur };
  // prorata = jours / joursAnnee × quotite / 100; rates in basis points (/ 10 000); money in cents.
  const cost = BigInt(cout);
  const denominator = BigInt(joursAnnee) * 100n * 10_000n;
  const prorated = (rate: number, capEuros: number) => {
    const yearly = minBig(basisPoints(rate) * cost, cents(capEuros) * 10_000n);
    return Number(roundHalfUp(yearly * BigInt(jours) * BigInt(state.quotite), denominator));
  };
  if (others.length === 0) {
    parFinanceur.anah = prorated(state.tauxAnah, state.plafondPartAnah);
    return { taux: state.tauxAnah, plafond: state.plafondPartAnah, total: parFinanceur.anah, parFinanceur };
  }
  const taux = state.taux;
  const plafond = withAnah ? state.plafondAnah : state.plafond;
  const total = prorated(taux, plafond);
  const anah = withAnah ? Math.min(prorated(state.tauxAnah, state.plafondPartAnah), total) : 0;
  parFinanceur.anah = anah;
  const rest = total - anah;
  if (others.length === 1) parFinanceur[others[0]] = rest;
  else {
    parFinanceur.etat = Number(roundHalfUp(BigInt(rest) * BigInt(state.parts.etat), 100n));
    parFinanceur.bdt = rest - parFinanceur.etat;
  }
  return { taux, plafond, total, parFinanceur };
}

const minBig = (a: bigint, b: bigint) => (a < b ? a : b);

const sameState = (a: DayState, b: DayState) =>
  a.quotite === b.quotite &&
  a.financeurs.join() === b.financeurs.join() &&
  a.taux === b.taux &&
  a.plafond === b.plafond &&
  a.plafondAnah === b.plafondAnah &&
  a.tauxAnah === b.tauxAnah &&
  a.plafondPartAnah === b.plafondPartAnah;

/**
 * The yearly co-financing of a post, per period and per co-financer, with the parameters as known
 * on `connuLe` (by default everything decided). Total: bad input gives the errors (field →
 * messages), never an exception.
 */
export function computeSubvention(given: SubventionInput): SubventionResult {
  const erreurs = subventionInputErrors(given);
  if (Object.keys(erreurs).length > 0) return { ok: false, erreurs };
  // As known on a day: the values decided later do not exist yet.
  const input = given.connuLe === undefined ? given : { ...given, parametres: parametresConnusLe(given.parametres, given.connuLe) };

  const annees = yearsOf(input).map((annee): SubventionAnnee => {
    const first = dayNumber(`${annee}-01-01`);
    const joursAnnee = dayNumber(`${annee + 1}-01-01`) - first;
    const cout = input.coutsAnnuels.find((c) => c.annee === annee)?.cout ?? null;
    const periodes: SubventionPeriode[] = [];
    let joursTenus = 0;
    let start = first;
    let current = stateOn(input, isoOf(first));
    const close = (endExclusive: number) => {
      const jours = endExclusive - start;
      const amounts = cout === null ? { taux: null, plafond: null, total: 0, parFinanceur: zero() } : periodAmounts(current, cout, jours, joursAnnee);
      if (current.quotite > 0) joursTenus += jours;
      periodes.push({ debut: isoOf(start), fin: isoOf(endExclusive - 1), jours, quotite: current.quotite, financeurs: current.financeurs, ...amounts });
    };
    // The state only changes on a boundary day: evaluate it there, not on every day.
    for (const d of changeDays(input, first + 1, first + joursAnnee - 1)) {
      const next = stateOn(input, isoOf(d));
      if (!sameState(next, current)) {
        close(d);
        start = d;
        current = next;
      }
    }
    close(first + joursAnnee);
    const parFinanceur = zero();
    for (const p of periodes) for (const f of COFINANCEURS) parFinanceur[f] += p.parFinanceur[f];
    return { annee, cout, joursAnnee, joursTenus, periodes: mergeUnpaid(periodes), total: periodes.reduce((s, p) => s + p.total, 0), parFinanceur };
  });
  const parFinanceur = zero();
  for (const a of annees) for (const f of COFINANCEURS) parFinanceur[f] += a.parFinanceur[f];
  return { ok: true, annees, total: annees.reduce((s, a) => s + a.total, 0), parFinanceur };
}

/** Adjacent periods that earn nothing and look the same (vacant, no co-financer) read as one. */
function mergeUnpaid(periodes: SubventionPeriode[]): SubventionPeriode[] {
  const out: SubventionPeriode[] = [];
  for (const p of periodes) {
    const last = out[out.length - 1];
    if (last && last.total === 0 && p.total === 0 && last.quotite === p.quotite && last.financeurs.join() === p.financeurs.join()) {
      out[out.length - 1] = { ...last, fin: p.fin, jours: last.jours + p.jours };
    } else out.push(p);
  }
  return out;
}

/** Whether the Anah may co-finance with this habitat operation on a day, in words when it may not. */
export function anahEligibilite(parametres: ParametresHistorique, operation: OperationHabitatLiee | null, jour: string): string | null {
  if (!operation) return 'L’Anah ne cofinance le poste que si une opération d’habitat éligible est liée.';
  const types = operationsOuvrantAnah(parametres, jour);
  if (!types.includes(operation.type)) {
    return `${HABITAT_OPERATION_TYPE_LABELS[operation.type]} n’ouvre pas le cofinancement de l’Anah (opérations éligibles : ${types.map((t) => HABITAT_OPERATION_TYPE_LABELS[t]).join(', ')}).`;
  }
  return null;
}

/** Built once: creating an Intl.NumberFormat costs about 0.2 ms, formatting with one a microsecond. */
const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** Cents as French euros: 1109589 → « 11 095,89 € ». */
export function formatEuros(cents: number): string {
  return EUROS.format(cents / 100);
}

/** A year whose computed co-financing changed (cents). */
export interface SubventionRecalculee {
  annee: number;
  avant: number;
  apres: number;
}

/** The years whose total differs between two computations of the same post (a year missing from one counts 0). */
export function subventionsModifiees(avant: SubventionResult, apres: SubventionResult): SubventionRecalculee[] {
  const totals = (r: SubventionResult) => new Map(r.ok ? r.annees.map((a) => [a.annee, a.total] as const) : []);
  const before = totals(avant);
  const after = totals(apres);
  const years = [...new Set([...before.keys(), ...after.keys()])].sort((a, b) => a - b);
  return years.map((annee) => ({ annee, avant: before.get(annee) ?? 0, apres: after.get(annee) ?? 0 })).filter((y) => y.avant !== y.apres);
}

/** A change of a programme parameter, as a post's history tells it. */
export interface ChangementParametre {
  cle: ParametreCle;
  /** The value that applied from `dateEffet` before the change, and the one that applies after. */
  avant: unknown;
  apres: unknown;
  dateEffet: string;
  /** Day of the decision (for a cancellation: the day it was cancelled). */
  decideLe: string;
  reference: string | null;
  /** A value to come was cancelled (rather than a value added). */
  annulation?: boolean;
}

/**
 * The history line of a post whose co-financing a parameter change recomputed: « Paramètre
 * modifié : fin de la participation de l’État / ANCT prolongée au 31/12/2026 (à compter du
 * 01/04/2026, décision du 15/06/2026, réf. Arrêté…) : subvention 2026 recalculée de 11 095,89 € à
 * 33 287,67 € ».
 */
export function messageRecalculSubvention(change: ChangementParametre, annees: readonly SubventionRecalculee[]): string {
  const what = changementParametreEnMots(change.cle, change.avant, change.apres);
  const reference = change.reference?.trim();
  const context = [
    `à compter du ${frenchDay(change.dateEffet)}`,
    `${change.annulation ? 'annulation' : 'décision'} du ${frenchDay(change.decideLe)}`,
    ...(reference ? [`réf. ${reference}`] : []),
  ].join(', ');
  const figures = annees.map((a) => `subvention ${a.annee} recalculée de ${formatEuros(a.avant)} à ${formatEuros(a.apres)}`).join(' ; ');
  return `Paramètre modifié : ${change.annulation ? 'valeur prévue annulée, ' : ''}${what} (${context}) : ${figures}`;
}

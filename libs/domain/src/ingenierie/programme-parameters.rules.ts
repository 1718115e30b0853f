import { addDaysIso, frenchDay } from '../calendar/calendar';
import { DEFAULT_CONVENTION_CADRE_DELAY_MONTHS } from '../conventions/convention-deadline.rules';
import { HABITAT_OPERATION_TYPES, HABITAT_OPERATION_TYPE_LABELS, isHabitatOperationType, type HabitatOperationType } from '../habitat/habitat-operation.rules';

/**
 * Programme parameters: every rule of the programme that may change is a value with the date
 * from which it applies, never a constant in code (programme-rules.md). A change adds a value
 * from a new date; rows are never rewritten.
 *
 * Parameters are bitemporal: each value has its period of application (valid time: from its
 * effective date to the day before the next value's) and the day it was decided (decision time).
 * A decision may reach back (a State participation extended in June for April and May): the
 * value then applies from its effective date, but a figure « as known on » a day before its
 * decision ignores it. `parametresConnusLe` keeps what had been decided by a day;
 * `parametreEnVigueur(historique, cle, jour, connuLe)` is the value applying on `jour` as known
 * on `connuLe`.
 *
 * Values are stored in the units users speak: a rate in percent (75), an amount in euros
 * (45000), a date as `YYYY-MM-DD` or null for « no end », a list of habitat operation types.
 */
export const PARAMETRE_CLES = [
  'taux_subvention_poste',
  'plafond_poste',
  'plafond_poste_avec_anah',
  'taux_anah',
  'plafond_anah',
  'fin_participation_etat',
  'fin_participation_bdt',
  'fin_participation_anah',
  'operations_ouvrant_anah',
  'delai_convention_cadre_mois',
] as const;
export type ParametreCle = (typeof PARAMETRE_CLES)[number];

export type ParametreNature = 'taux' | 'montant' | 'date_fin' | 'operations' | 'mois';

export interface ParametreDefinition {
  cle: ParametreCle;
  libelle: string;
  aide: string;
  nature: ParametreNature;
  /** The value in force since the programme began (1 October 2020), from programme-rules.md. */
  defaut: unknown;
}

/** The programme began on 1 October 2020: default values apply from then. */
export const PROGRAMME_START = '2020-10-01';

export const PARAMETRES: Record<ParametreCle, ParametreDefinition> = {
  taux_subvention_poste: {
    cle: 'taux_subvention_poste',
    libelle: 'Taux de cofinancement du poste de chef de projet',
    aide: 'Part du coût annuel chargé du poste prise en charge, en %.',
    nature: 'taux',
    defaut: 75,
  },
  plafond_poste: {
    cle: 'plafond_poste',
    libelle: 'Plafond annuel (État / ANCT, Banque des Territoires)',
    aide: 'Montant maximal par an et par poste à temps plein, en euros.',
    nature: 'montant',
    defaut: 45000,
  },
  plafond_poste_avec_anah: {
    cle: 'plafond_poste_avec_anah',
    libelle: 'Plafond annuel avec l’Anah',
    aide: 'Montant maximal par an et par poste à temps plein quand l’Anah cofinance, en euros.',
    nature: 'montant',
    defaut: 55000,
  },
  taux_anah: {
    cle: 'taux_anah',
    libelle: 'Taux de la part Anah',
    aide: 'Part du coût annuel chargé prise en charge par l’Anah, en %.',
    nature: 'taux',
    defaut: 50,
  },
  plafond_anah: {
    cle: 'plafond_anah',
    libelle: 'Plafond annuel de la part Anah',
    aide: 'Montant maximal de la part Anah par an et par poste à temps plein, en euros.',
    nature: 'montant',
    defaut: 40000,
  },
  fin_participation_etat: {
    cle: 'fin_participation_etat',
    libelle: 'Fin de la participation de l’État / ANCT',
    aide: 'Dernier jour cofinancé par l’État / ANCT ; vide si sans fin.',
    nature: 'date_fin',
    defaut: '2026-03-31',
  },
  fin_participation_bdt: {
    cle: 'fin_participation_bdt',
    libelle: 'Fin de la participation de la Banque des Territoires',
    aide: 'Dernier jour cofinancé par la Banque des Territoires ; vide si sans fin.',
    nature: 'date_fin',
    defaut: '2026-03-31',
  },
  fin_participation_anah: {
    cle: 'fin_participation_anah',
    libelle: 'Fin de la participation de l’Anah',
    aide: 'Dernier jour cofinancé par l’Anah ; vide si sans fin.',
    nature: 'date_fin',
    defaut: null,
  },
  operations_ouvrant_anah: {
    cle: 'operations_ouvrant_anah',
    libelle: 'Opérations d’habitat ouvrant le cofinancement de l’Anah',
    aide: 'Une opération de ces types (y compris en étude pré-opérationnelle) permet à l’Anah de cofinancer le poste.',
    nature: 'operations',
    defaut: ['opah_ru', 'opah_cd', 'plan_sauvegarde', 'orcod'],
  },
  delai_convention_cadre_mois: {
    cle: 'delai_convention_cadre_mois',
    libelle: 'Délai de signature de la convention-cadre',
    aide: 'Nombre de mois après la convention d’adhésion.',
    nature: 'mois',
    defaut: DEFAULT_CONVENTION_CADRE_DELAY_MONTHS,
  },
};

export function isParametreCle(value: unknown): value is ParametreCle {
  return typeof value === 'string' && (PARAMETRE_CLES as readonly string[]).includes(value);
}

/** One dated value of a parameter. */
export interface ParametreValeur {
  /** First day the value applies (valid time). */
  dateEffet: string;
  valeur: unknown;
  /** Day the value was decided (decision time, a French calendar day); absent: known from the start. */
  decideLe?: string;
  /**
   * When the value was entered (ISO instant): between two values of the same effective date and
   * decision day, the later entry wins (it corrects the first). Absent: entered first.
   */
  saisieLe?: string;
}

/** Every dated value of some parameters; a key without values uses its default. */
export type ParametresHistorique = Partial<Record<ParametreCle, readonly ParametreValeur[]>>;

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a string is a real calendar date written `YYYY-MM-DD` (in UTC: the same in every time zone). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Why a value cannot be stored for this parameter, in French; null when it can. */
export function parametreValeurErreur(cle: ParametreCle, valeur: unknown): string | null {
  const nature = PARAMETRES[cle].nature;
  switch (nature) {
    case 'taux':
      return typeof valeur === 'number' && Number.isFinite(valeur) && valeur >= 0 && valeur <= 100 && hasAtMostTwoDecimals(valeur)
        ? null
        : 'Indiquez un pourcentage entre 0 et 100 (deux décimales au plus).';
    case 'montant':
      return typeof valeur === 'number' && Number.isFinite(valeur) && valeur >= 0 && valeur <= 10_000_000 && hasAtMostTwoDecimals(valeur)
        ? null
        : 'Indiquez un montant positif en euros (deux décimales au plus).';
    case 'date_fin':
      return valeur === null || isIsoDate(valeur) ? null : 'Indiquez une date (AAAA-MM-JJ), ou aucune date si la participation n’a pas de fin.';
    case 'operations':
      if (!Array.isArray(valeur)) return 'Indiquez une liste de types d’opération.';
      if (!valeur.every(isHabitatOperationType)) {
        return `Types d’opération possibles : ${HABITAT_OPERATION_TYPES.map((t) => HABITAT_OPERATION_TYPE_LABELS[t]).join(', ')}.`;
      }
      return new Set(valeur).size === valeur.length ? null : 'Chaque type d’opération ne figure qu’une fois.';
    case 'mois':
      return typeof valeur === 'number' && Number.isInteger(valeur) && valeur >= 1 && valeur <= 120 ? null : 'Indiquez un nombre entier de mois entre 1 et 120.';
  }
}

function hasAtMostTwoDecimals(value: number): boolean {
  return Math.abs(Math.round(value * 100) - value * 100) < 1e-6;
}

/** The decision behind a new value: its day (not in the future) and its reference (text). */
export interface ParametreDecision {
  /** Day of the decision; today when absent. */
  decideLe?: string;
  /** The decision's reference or reason (arrêté, circulaire, courrier…). */
  reference?: string | null;
}

/** Longest reference of a decision, in characters. */
export const REFERENCE_DECISION_MAX = 300;

/** A value is retroactive when it applies from a day before the day it was decided. */
export function estRetroactive(dateEffet: string, decideLe: string): boolean {
  return dateEffet < decideLe;
}

/**
 * Why a new value cannot be recorded, in French, field by field; empty when it can. The value
 * applies from `dateEffet` (not before the programme's start) and was decided on `decideLe`
 * (today or earlier). A value that reaches back before today (retroactive, or decided earlier and
 * entered late) changes figures of days already passed: it needs the decision's reference.
 */
export function nouvelleValeurErreurs(cle: ParametreCle, valeur: unknown, dateEffet: string, today: string, decision: ParametreDecision = {}): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const decideLe = decision.decideLe ?? today;
  const reference = decision.reference?.trim() ?? '';
  const valeurErreur = parametreValeurErreur(cle, valeur);
  if (valeurErreur) errors.valeur = [valeurErreur];
  if (!isIsoDate(dateEffet)) errors.dateEffet = ['Indiquez une date d’effet valide (AAAA-MM-JJ).'];
  else if (dateEffet < PROGRAMME_START) errors.dateEffet = [`La date d’effet ne peut pas précéder le début du programme (${frenchDay(PROGRAMME_START)}).`];
  if (!isIsoDate(decideLe)) errors.decideLe = ['Indiquez la date de la décision (AAAA-MM-JJ).'];
  else if (decideLe > today) errors.decideLe = ['La date de la décision ne peut pas être dans le futur : indiquez le jour où elle a été prise.'];
  if (reference.length > REFERENCE_DECISION_MAX) errors.reference = [`La référence de la décision fait au plus ${REFERENCE_DECISION_MAX} caractères.`];
  else if (reference === '' && isIsoDate(dateEffet) && dateEffet < today) {
    errors.reference = [
      isIsoDate(decideLe) && estRetroactive(dateEffet, decideLe)
        ? 'Une valeur rétroactive (qui s’applique avant le jour de sa décision) exige la référence de la décision.'
        : 'Cette valeur s’applique à des jours passés : indiquez la référence de la décision.',
    ];
  }
  return errors;
}

/** Orders values by effective date, then decision day, then entry: of equal effective dates, the last one applies. */
function compareValeurs(a: ParametreValeur, b: ParametreValeur): number {
  return a.dateEffet.localeCompare(b.dateEffet) || (a.decideLe ?? '').localeCompare(b.decideLe ?? '') || (a.saisieLe ?? '').localeCompare(b.saisieLe ?? '');
}

/** Whether a value had been decided by the end of `connuLe` (a value without decision day always had). */
export function decideAvant(v: ParametreValeur, connuLe: string): boolean {
  return v.decideLe === undefined || v.decideLe <= connuLe;
}

/** The parameters as known at the end of `connuLe`: only the values decided on or before that day. */
export function parametresConnusLe(historique: ParametresHistorique, connuLe: string): ParametresHistorique {
  const known: Partial<Record<ParametreCle, readonly ParametreValeur[]>> = {};
  for (const cle of Object.keys(historique) as ParametreCle[]) known[cle] = (historique[cle] ?? []).filter((v) => decideAvant(v, connuLe));
  return known;
}

/**
 * The stored value applying on `jour` as known on `connuLe` (by default: everything decided): the
 * latest effective date on or before the day; of values from the same day, the latest decision
 * (then the latest entry). Null: none, the programme's default applies.
 */
export function valeurApplicable(historique: ParametresHistorique, cle: ParametreCle, jour: string, connuLe?: string): ParametreValeur | null {
  let best: ParametreValeur | null = null;
  for (const v of historique[cle] ?? []) {
    if (v.dateEffet > jour || (connuLe !== undefined && !decideAvant(v, connuLe))) continue;
    if (best === null || compareValeurs(v, best) > 0) best = v;
  }
  return best;
}

/** The value of a parameter applying on `jour`, as known on `connuLe` (by default: everything decided). */
export function parametreEnVigueur<T = unknown>(historique: ParametresHistorique, cle: ParametreCle, jour: string, connuLe?: string): T {
  const best = valeurApplicable(historique, cle, jour, connuLe);
  return (best ? best.valeur : PARAMETRES[cle].defaut) as T;
}

/** Where a stored value stands once every decision is known. */
export interface ParametrePeriode {
  /** Last day it applies; null: until further notice. */
  au: string | null;
  /** A later decision set another value from the same day: this one no longer applies at all. */
  remplacee: boolean;
}

/**
 * The period of application of each value (same order as given), every decision known: a value
 * applies from its effective date to the day before the next effective date; of two values from
 * the same day, the later decision (then the later entry) wins and the other is replaced.
 */
export function periodesApplication(valeurs: readonly ParametreValeur[]): ParametrePeriode[] {
  const sorted = [...valeurs].sort(compareValeurs);
  return valeurs.map((v) => {
    const later = sorted.filter((o) => o !== v && compareValeurs(o, v) > 0);
    if (later.some((o) => o.dateEffet === v.dateEffet)) return { au: null, remplacee: true };
    const next = later.find((o) => o.dateEffet > v.dateEffet);
    return { au: next ? addDaysIso(next.dateEffet, -1) : null, remplacee: false };
  });
}

/**
 * The calendar years whose figures a new value from `dateEffet` may change: from its year to the
 * year of the day before the next effective date already known (`fin` null: and every later year).
 */
export function anneesRecalculees(historique: ParametresHistorique, cle: ParametreCle, dateEffet: string): { debut: number; fin: number | null } {
  const next = [...(historique[cle] ?? [])].filter((v) => v.dateEffet > dateEffet).sort(compareValeurs)[0];
  return { debut: Number(dateEffet.slice(0, 4)), fin: next ? Number(addDaysIso(next.dateEffet, -1).slice(0, 4)) : null };
}

/** « 2026 », « 2026 et 2027 », « 2026 à 2028 », « 2026 et les années suivantes ». */
export function anneesEnMots(annees: { debut: number; fin: number | null }): string {
  if (annees.fin === null) return `${annees.debut} et les années suivantes`;
  if (annees.fin <= annees.debut) return String(annees.debut);
  return annees.fin === annees.debut + 1 ? `${annees.debut} et ${annees.fin}` : `${annees.debut} à ${annees.fin}`;
}

/**
 * A change of a parameter in words, for a post's history: « fin de la participation de l’État /
 * ANCT prolongée au 31/12/2026 », « plafond annuel (…) : 50 000 € au lieu de 45 000 € ».
 */
export function changementParametreEnMots(cle: ParametreCle, avant: unknown, apres: unknown): string {
  const libelle = PARAMETRES[cle].libelle;
  const nom = libelle.charAt(0).toLowerCase() + libelle.slice(1);
  if (PARAMETRES[cle].nature === 'date_fin') {
    if (apres === null) return avant === null ? `${nom} : toujours sans fin` : `${nom} : désormais sans fin`;
    const jour = formatParametreValeur(cle, apres);
    if (avant === null) return `${nom} fixée au ${jour}`;
    if (typeof apres === 'string' && typeof avant === 'string' && apres > avant) return `${nom} prolongée au ${jour}`;
    return apres === avant ? `${nom} maintenue au ${jour}` : `${nom} avancée au ${jour}`;
  }
  return `${nom} : ${formatParametreValeur(cle, apres)} au lieu de ${formatParametreValeur(cle, avant)}`;
}

/** A parameter value in words, for lists and history: « 75 % », « 45 000 € », « 31/03/2026 », « sans fin ». */
export function formatParametreValeur(cle: ParametreCle, valeur: unknown): string {
  switch (PARAMETRES[cle].nature) {
    case 'taux':
      return `${formatNumberFr(Number(valeur))} %`;
    case 'montant':
      return `${formatNumberFr(Number(valeur))} €`;
    case 'date_fin':
      return typeof valeur === 'string' ? `${valeur.slice(8, 10)}/${valeur.slice(5, 7)}/${valeur.slice(0, 4)}` : 'sans fin';
    case 'operations':
      return Array.isArray(valeur) && valeur.length > 0
        ? valeur.map((t) => (isHabitatOperationType(t) ? HABITAT_OPERATION_TYPE_LABELS[t] : String(t))).join(', ')
        : 'aucune';
    case 'mois':
      return `${String(valeur)} mois`;
  }
}

const NUMBER_FR = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

function formatNumberFr(value: number): string {
  return NUMBER_FR.format(value);
}

/** The habitat operation types opening Anah co-financing on a day. */
export function operationsOuvrantAnah(historique: ParametresHistorique, jour: string): readonly HabitatOperationType[] {
  const value = parametreEnVigueur<unknown>(historique, 'operations_ouvrant_anah', jour);
  return Array.isArray(value) ? value.filter(isHabitatOperationType) : [];
}

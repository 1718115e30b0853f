import { DEFAULT_CONVENTION_CADRE_DELAY_MONTHS } from '../conventions/convention-deadline.rules';
import { HABITAT_OPERATION_TYPES, HABITAT_OPERATION_TYPE_LABELS, isHabitatOperationType, type HabitatOperationType } from '../habitat/habitat-operation.rules';

/**
 * Programme parameters: every rule of the programme that may change is a value with the date
 * from which it applies, never a constant in code (programme-rules.md). A change adds a value
 * from a new date; what applied before that date stays as it was.
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
  dateEffet: string;
  valeur: unknown;
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

/**
 * Why a new value cannot be recorded from `dateEffet`, in French; null when it can. A change may
 * not reach back before today: what applied in the past stays as it was.
 */
export function nouvelleValeurErreurs(cle: ParametreCle, valeur: unknown, dateEffet: string, today: string): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const valeurErreur = parametreValeurErreur(cle, valeur);
  if (valeurErreur) errors.valeur = [valeurErreur];
  if (!isIsoDate(dateEffet)) errors.dateEffet = ['Indiquez une date d’effet valide (AAAA-MM-JJ).'];
  else if (dateEffet < today) errors.dateEffet = ['La date d’effet ne peut pas être passée : le passé n’est jamais réécrit.'];
  return errors;
}

/** The value of a parameter in force on a day: the one with the latest effective date on or before it. */
export function parametreEnVigueur<T = unknown>(historique: ParametresHistorique, cle: ParametreCle, jour: string): T {
  let best: ParametreValeur | null = null;
  for (const v of historique[cle] ?? []) {
    if (v.dateEffet <= jour && (best === null || v.dateEffet > best.dateEffet)) best = v;
  }
  return (best ? best.valeur : PARAMETRES[cle].defaut) as T;
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

function formatNumberFr(value: number): string {
  return new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(value);
}

/** The habitat operation types opening Anah co-financing on a day. */
export function operationsOuvrantAnah(historique: ParametresHistorique, jour: string): readonly HabitatOperationType[] {
  const value = parametreEnVigueur<unknown>(historique, 'operations_ouvrant_anah', jour);
  return Array.isArray(value) ? value.filter(isHabitatOperationType) : [];
}

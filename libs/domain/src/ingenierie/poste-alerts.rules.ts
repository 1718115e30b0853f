import { addDaysIso, addMonthsIso, daysBetweenIso, frenchDay } from '../calendar/calendar';
import { changeDays, cofinanceursDuJour, fromDayNumber, toDayNumber, type Cofinanceur, type SubventionInput } from './subsidy.rules';

/** A post vacant for longer than this is flagged. */
export const POSTE_VACANCE_ALERTE_MOIS = 3;
/** The yearly co-financing request is due by this day of the year (MM-DD). */
export const DEMANDE_ANNUELLE_ECHEANCE = '01-31';
/** Co-financing that ends within this many months is flagged. */
export const FIN_COFINANCEMENT_ALERTE_MOIS = 6;

export const POSTE_ALERTE_CODES = ['POSTE_VACANT', 'DEMANDE_ANNUELLE_MANQUANTE', 'FIN_COFINANCEMENT_PROCHE'] as const;
export type PosteAlerteCode = (typeof POSTE_ALERTE_CODES)[number];

export const POSTE_ALERTE_LABELS: Record<PosteAlerteCode, string> = {
  POSTE_VACANT: `Poste vacant depuis plus de ${POSTE_VACANCE_ALERTE_MOIS} mois`,
  DEMANDE_ANNUELLE_MANQUANTE: 'Demande de cofinancement annuelle non déposée',
  FIN_COFINANCEMENT_PROCHE: `Cofinancement se terminant dans moins de ${FIN_COFINANCEMENT_ALERTE_MOIS} mois`,
};

export interface PosteAlerte {
  code: PosteAlerteCode;
  niveau: 'warning' | 'error';
  message: string;
  /** The day the alert is about: vacancy start, missing request year start, co-financing end. */
  date: string;
}

export interface PosteAlertesInput extends Pick<SubventionInput, 'titulaires' | 'cofinanceurs' | 'operationHabitat' | 'parametres'> {
  /** Years for which a co-financing request was filed. */
  anneesDemandees: readonly number[];
  /** Day the post was recorded: a post never held is vacant since then. */
  creeLe: string;
  today: string;
}

const fr = frenchDay;

/**
 * What is late or about to lapse on a post, on `today`:
 * - vacant for more than 3 months (since the last holder left, or since the post was recorded);
 * - no co-financing request for the current year after 31 January, in a year the post is held
 *   and co-financed (a post vacant all year has the vacancy alert instead);
 * - a co-financer whose participation ends within 6 months.
 */
export function posteAlertes(input: PosteAlertesInput): PosteAlerte[] {
  const alertes: PosteAlerte[] = [];
  const { today } = input;

  const held = input.titulaires.some((t) => t.debut <= today && (t.fin === null || today <= t.fin));
  if (!held) {
    const past = input.titulaires.filter((t) => t.fin !== null && t.fin < today).map((t) => t.fin as string);
    const future = input.titulaires.some((t) => t.debut > today);
    const since = past.length > 0 ? addDaysIso(past.sort().at(-1) as string, 1) : input.creeLe;
    if (addMonthsIso(since, POSTE_VACANCE_ALERTE_MOIS) < today) {
      const months = Math.floor(daysBetweenIso(since, today) / 30.4375);
      alertes.push({
        code: 'POSTE_VACANT',
        niveau: 'error',
        date: since,
        message: `Le poste est vacant depuis le ${fr(since)} (${months} mois)${future ? ', une arrivée est prévue' : ''}.`,
      });
    }
  }

  const year = Number(today.slice(0, 4));
  const dueDay = `${year}-${DEMANDE_ANNUELLE_ECHEANCE}`;
  if (today > dueDay && !input.anneesDemandees.includes(year) && cofinancedDuring(input, `${year}-01-01`, `${year}-12-31`)) {
    alertes.push({
      code: 'DEMANDE_ANNUELLE_MANQUANTE',
      niveau: 'warning',
      date: `${year}-01-01`,
      message: `Aucune demande de cofinancement n’a été déposée pour ${year} (attendue au plus tard le ${fr(dueDay)}).`,
    });
  }

  const horizon = addMonthsIso(today, FIN_COFINANCEMENT_ALERTE_MOIS);
  const todays = cofinanceursDuJour(input, today);
  for (const financeur of todays) {
    const end = lastDayOf(input, financeur, today, horizon);
    if (end !== null) {
      const days = daysBetweenIso(today, end);
      alertes.push({
        code: 'FIN_COFINANCEMENT_PROCHE',
        niveau: 'warning',
        date: end,
        message: `La participation de ${article(financeur)} au poste prend fin le ${fr(end)} (dans ${days} jour${days > 1 ? 's' : ''}).`,
      });
    }
  }
  return alertes;
}

const article = (f: Cofinanceur) => (f === 'etat' ? 'l’État / ANCT' : f === 'bdt' ? 'la Banque des Territoires' : 'l’Anah');

/** Whether the post is held and co-financed on some day of the range: a year with a subsidy due. */
function cofinancedDuring(input: PosteAlertesInput, from: string, to: string): boolean {
  const start = toDayNumber(from);
  for (const d of [start, ...changeDays(input, start + 1, toDayNumber(to))]) {
    const jour = fromDayNumber(d);
    const held = input.titulaires.some((t) => t.debut <= jour && (t.fin === null || jour <= t.fin));
    if (held && cofinanceursDuJour(input, jour).length > 0) return true;
  }
  return false;
}

/** The last day of a co-financer's participation when it stops before `horizon` (inclusive); else null. */
function lastDayOf(input: PosteAlertesInput, financeur: Cofinanceur, from: string, horizon: string): string | null {
  for (const d of changeDays(input, toDayNumber(from) + 1, toDayNumber(horizon))) {
    if (!cofinanceursDuJour(input, fromDayNumber(d)).includes(financeur)) return fromDayNumber(d - 1);
  }
  return null;
}

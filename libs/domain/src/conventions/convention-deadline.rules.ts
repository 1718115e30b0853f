import { addMonthsIso, daysBetweenIso } from '../calendar/calendar';

/** Default delay between the convention d'adhésion and the convention-cadre (a programme parameter). */
export const DEFAULT_CONVENTION_CADRE_DELAY_MONTHS = 18;

/** Days without an answer after which a convention « à compléter » is flagged late. */
export const A_COMPLETER_LATE_AFTER_DAYS = 30;

/**
 * Due date of the convention-cadre: `delayMonths` after the convention d'adhésion, clamped to the
 * end of a shorter month (31 August 2021 + 18 months = 28 February 2023).
 */
export function conventionCadreDueDate(adhesionDate: string, delayMonths = DEFAULT_CONVENTION_CADRE_DELAY_MONTHS): string {
  if (!Number.isInteger(delayMonths) || delayMonths < 1) throw new RangeError(`delayMonths must be a positive integer, got ${delayMonths}`);
  return addMonthsIso(adhesionDate.slice(0, 10), delayMonths);
}

export type DeadlineStatus =
  | { kind: 'sans_echeance' }
  | { kind: 'signee' }
  | { kind: 'a_venir'; dueDate: string; daysLeft: number }
  | { kind: 'en_retard'; dueDate: string; daysLate: number };

/**
 * Countdown of the convention-cadre: no deadline without a convention d'adhésion; met once the
 * convention-cadre is signed (on any date); otherwise days left, or days late past the due date
 * (the due date itself is still on time).
 */
export function conventionCadreDeadline(input: {
  adhesionDate: string | null;
  cadreSignedOn: string | null;
  today: string;
  delayMonths?: number;
}): DeadlineStatus {
  if (!input.adhesionDate) return { kind: 'sans_echeance' };
  if (input.cadreSignedOn) return { kind: 'signee' };
  const dueDate = conventionCadreDueDate(input.adhesionDate, input.delayMonths);
  const diff = daysBetweenIso(input.today.slice(0, 10), dueDate);
  return diff >= 0 ? { kind: 'a_venir', dueDate, daysLeft: diff } : { kind: 'en_retard', dueDate, daysLate: -diff };
}

/** A convention sent back « à compléter » and left without an answer for too long. */
export function isACompleterLate(sentBackOn: string, today: string, afterDays = A_COMPLETER_LATE_AFTER_DAYS): boolean {
  return daysBetweenIso(sentBackOn.slice(0, 10), today.slice(0, 10)) > afterDays;
}

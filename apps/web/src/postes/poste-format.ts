import { addDaysIso as addDays, daysBetweenIso, frenchDay, programmeToday } from '@suivi-pvd/domain';
import { centsToInput, parseEuros as parseMoney } from '../app/money-format';

/** Day arithmetic and French formats for the post pages (calendar days as `YYYY-MM-DD`). */

/** Today in the programme's calendar (Europe/Paris), `YYYY-MM-DD`, whatever the browser's zone. */
export function todayIso(): string {
  return programmeToday();
}

/** « 2025-05-01 » → « 01/05/2025 ». */
export function frDay(iso: string): string {
  return frenchDay(iso);
}

/** The day `n` days after `iso` (n may be negative). */
export function addDaysIso(iso: string, n: number): string {
  return addDays(iso, n);
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return daysBetweenIso(from, to) + 1;
}

/** « 1 jour », « 61 jours ». */
export function jours(n: number): string {
  return `${n} jour${n > 1 ? 's' : ''}`;
}

/** What the user typed as an amount in euros, in cents; null when it is empty or not an amount (the app's one reading of amounts). */
export function parseEuros(text: string): number | null {
  const parsed = parseMoney(text);
  return 'cents' in parsed ? parsed.cents : null;
}

/** Cents as an amount to edit: 6000000 → « 60 000 », 6000050 → « 60 000,50 ». */
export const eurosInput = (cents: number): string => centsToInput(cents);

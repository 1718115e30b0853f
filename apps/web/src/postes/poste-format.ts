import { centsToInput, parseEuros as parseMoney } from '../app/money-format';

/** Day arithmetic and French formats for the post pages (calendar days as `YYYY-MM-DD`). */

const DAY_MS = 86_400_000;

/** Today in Paris, `YYYY-MM-DD`. */
export function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
}

/** « 2025-05-01 » → « 01/05/2025 ». */
export function frDay(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso;
}

function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

/** The day `n` days after `iso` (n may be negative). */
export function addDaysIso(iso: string, n: number): string {
  return new Date((dayNumber(iso) + n) * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from) + 1;
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

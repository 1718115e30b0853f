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

const EUROS_INPUT = /^(\d+)(?:[.,](\d{1,2}))?$/;

/**
 * What the user typed as an amount in euros (« 60000 », « 60 000 », « 60 000,50 », « 60000.5 € »)
 * in cents; null when it is not an amount.
 */
export function parseEuros(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f€]/g, '');
  const match = EUROS_INPUT.exec(compact);
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

/** Cents as an amount to edit: 6000000 → « 60 000 », 6000050 → « 60 000,50 » (plain spaces). */
export function eurosInput(cents: number): string {
  const whole = Math.trunc(cents / 100);
  const rest = Math.abs(cents % 100);
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return rest === 0 ? grouped : `${grouped},${String(rest).padStart(2, '0')}`;
}

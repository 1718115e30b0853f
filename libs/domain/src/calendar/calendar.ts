/**
 * Calendar days as ISO strings (`YYYY-MM-DD`), computed as calendar days: never through a `Date`
 * read in the process's local zone. The arithmetic below counts days from 1970-01-01 with UTC
 * getters and setters only (a pure function of year, month, day), so the result is the same whatever `TZ` the
 * server or the browser runs in — Paris, Cayenne or Papeete.
 */

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The programme's calendar: deadlines and "today" are French (metropolitan) calendar days. */
export const PROGRAMME_TIME_ZONE = 'Europe/Paris';

export interface CalendarDay {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

/** Number of days in a month (`month` 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(utc(year, month + 1, 0)).getUTCDate();
}

/** Milliseconds of midnight UTC on a day (month 1–12; overflowing days roll over), years below 100 included. */
function utc(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

/** Whether year, month (1–12) and day form a day of the calendar (no 31 April, no 29 February 2023). */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  return Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) && year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** `YYYY-MM-DD` of a calendar day (no check). */
export function isoDayOf(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Reads `YYYY-MM-DD` (a day of the calendar), else null. */
export function parseIsoDay(value: string): CalendarDay | null {
  const m = ISO_DAY.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isCalendarDay(year, month, day) ? { year, month, day } : null;
}

/** Whether `value` is a `YYYY-MM-DD` day of the calendar. */
export function isIsoDay(value: unknown): value is string {
  return typeof value === 'string' && parseIsoDay(value) !== null;
}

function required(iso: string): CalendarDay {
  const parsed = parseIsoDay(iso.slice(0, 10));
  if (!parsed) throw new RangeError(`Not an ISO calendar day: ${iso}`);
  return parsed;
}

/** Days since 1970-01-01 (negative before). A timestamp's trailing time part is ignored. */
export function dayNumberOf(iso: string): number {
  const { year, month, day } = required(iso);
  return utc(year, month, day) / DAY_MS;
}

/** The ISO day `n` days after 1970-01-01. */
export function isoDayFromNumber(n: number): string {
  const d = new Date(n * DAY_MS);
  return isoDayOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The day `n` days after `iso` (n may be negative). */
export function addDaysIso(iso: string, n: number): string {
  return isoDayFromNumber(dayNumberOf(iso) + n);
}

/** The same day `n` months later (n may be negative), clamped to the end of a shorter month: 2021-08-31 + 18 months = 2023-02-28. */
export function addMonthsIso(iso: string, n: number): string {
  const { year, month, day } = required(iso);
  const index = year * 12 + (month - 1) + n;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return isoDayOf(y, m, Math.min(day, daysInMonth(y, m)));
}

/** The same day `n` years later, 29 February becoming 28 February in a common year. */
export function addYearsIso(iso: string, n: number): string {
  return addMonthsIso(iso, 12 * n);
}

/** Calendar days from `from` to `to` (positive when `to` is later): 2024-03-01 − 2024-02-28 = 2. */
export function daysBetweenIso(from: string, to: string): number {
  return dayNumberOf(to) - dayNumberOf(from);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day an instant falls on in a time zone (default: the programme's, Europe/Paris). */
export function isoDayInZone(instant: Date, timeZone: string = PROGRAMME_TIME_ZONE): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Today in the programme's calendar (Europe/Paris), whatever the zone the code runs in. */
export function programmeToday(now: Date = new Date()): string {
  return isoDayInZone(now, PROGRAMME_TIME_ZONE);
}

/** The calendar day of a date-only value as spreadsheets give it (exceljs: midnight UTC). */
export function isoDayOfUtcMidnight(date: Date): string {
  return isoDayOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** « 2025-05-01 » → « 01/05/2025 »; anything else is returned as is. */
export function frenchDay(iso: string): string {
  return ISO_DAY.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso;
}

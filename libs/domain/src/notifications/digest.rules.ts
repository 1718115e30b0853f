import { dayNumberOf, isoDayFromNumber, parseIsoDay } from '../calendar/calendar';

/**
 * The ISO 8601 week of a calendar day, `2026-W49` (weeks start on Monday; week 1 holds the year's
 * first Thursday). A weekly digest covers one such week: its key is unique per user.
 */
export function isoWeekOf(iso: string): string {
  if (!parseIsoDay(iso)) throw new Error(`Not a calendar day: ${iso}`);
  const n = dayNumberOf(iso);
  // dayNumberOf counts days since 1970-01-01, a Thursday: Monday = 0 … Sunday = 6.
  const weekday = (((n + 3) % 7) + 7) % 7;
  const thursday = isoDayFromNumber(n - weekday + 3);
  const year = Number(thursday.slice(0, 4));
  const firstThursday = dayNumberOf(`${year}-01-04`);
  const firstWeekday = (((firstThursday + 3) % 7) + 7) % 7;
  const week1Monday = firstThursday - firstWeekday;
  const week = Math.floor((n - weekday - week1Monday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The period a digest sent on `today` (Europe/Paris) covers: the day, or the ISO week. */
export function digestPeriod(cadence: 'quotidien' | 'hebdomadaire', today: string): string {
  return cadence === 'quotidien' ? today : isoWeekOf(today);
}

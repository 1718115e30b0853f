import { isIsoDay } from '../calendar/calendar';
import { formatEuros } from '../ingenierie/subsidy.rules';

/**
 * Values as the history and the journal show them: dates in words, amounts in euros, yes or no.
 * Pure and zone-free: a calendar date is the string « 2024-03-12 », never a Date.
 */

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** What an empty value reads as. */
export const EMPTY_VALUE = '(vide)';

/** « 2024-03-12 » → « 12 mars 2024 », « 2024-03-01 » → « 1er mars 2024 »; anything else is returned as is. */
export function formatLongDate(iso: string): string {
  if (!isIsoDay(iso)) return iso;
  const day = Number(iso.slice(8, 10));
  return `${day === 1 ? '1er' : day} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}

/** Cents → « 32 575,35 € ». */
export function formatAmount(cents: number): string {
  return formatEuros(cents);
}

/** « Oui » / « Non ». */
export function yesNo(value: boolean): string {
  return value ? 'Oui' : 'Non';
}

const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** 12345.5 → « 12 345,5 ». */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

const oneDecimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** 2048 → « 2 Ko ». */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} octet${bytes > 1 ? 's' : ''}`;
  const kb = bytes / 1024;
  const format = (n: number) => oneDecimal.format(n);
  if (kb < 1024) return `${format(kb)} Ko`;
  return `${format(kb / 1024)} Mo`;
}

const MAX_TEXT = 160;

/** A long text cut to what a history line can show. */
export function truncateText(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A value whose kind is not known in advance (the attributes of a thematic scheme): a yes/no, a
 * calendar date, a number, a text, a list or a record, each in words.
 */
export function formatAnyValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return EMPTY_VALUE;
  if (typeof value === 'boolean') return yesNo(value);
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return isIsoDay(value) ? formatLongDate(value) : truncateText(value);
  if (Array.isArray(value)) return value.length === 0 ? '(aucun)' : truncateText(value.map(formatAnyValue).join(', '));
  if (isRecord(value)) {
    const entries = Object.entries(value);
    return entries.length === 0 ? '(aucun)' : truncateText(entries.map(([k, v]) => `${k} : ${formatAnyValue(v)}`).join(' ; '));
  }
  return truncateText(String(value));
}

/** « du 1er mars 2022 au 31 mai 2026 », « depuis le 1er mars 2022 », « jusqu’au 31 mai 2026 ». */
export function formatPeriod(debut: unknown, fin: unknown): string {
  const from = typeof debut === 'string' && debut ? formatLongDate(debut) : null;
  const to = typeof fin === 'string' && fin ? formatLongDate(fin) : null;
  if (from && to) return `du ${from} au ${to}`;
  if (from) return `depuis le ${from}`;
  return to ? `jusqu’au ${to}` : 'sans dates';
}

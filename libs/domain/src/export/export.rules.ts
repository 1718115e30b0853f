/**
 * Every list of the application as a file. The CSV is meant for French spreadsheets and for
 * scripts alike: UTF-8 with a BOM (Excel detects the encoding), « ; » as separator, amounts in
 * euros with a decimal comma and no thousands separator (« 12500,50 »: French Excel reads it as a
 * number, a script replaces the comma), days as ISO yyyy-mm-dd (unambiguous, sortable, and Excel
 * recognises them as dates), CRLF line ends (RFC 4180). Formula-like texts are neutralised.
 */
export const CSV_SEPARATOR = ';';
export const CSV_BOM = '\uFEFF';

/** The two file formats of every export (`?format=`). */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** At most this many rows in one export: beyond, the user narrows the filters. */
export const EXPORT_MAX_ROWS = 200_000;

/** 1250050 cents -> "12500,50"; -5 -> "-0,05"; null -> "". */
export function centsToDecimalComma(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '';
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** A decimal number with a decimal comma (12.5 -> "12,5"); null -> "". */
export function numberToDecimalComma(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return String(value).replace('.', ',');
}

/**
 * One CSV cell: quoted when it holds the separator, a quote or a line break. A text starting with
 * = + - @ (or a tab/CR) is prefixed with a quote mark so that a spreadsheet does not run it as a
 * formula (CSV injection); numbers are passed as numbers and never prefixed.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, with its CRLF. */
export function csvLine(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return `${cells.map(csvCell).join(CSV_SEPARATOR)}\r\n`;
}

/** A text cell for a spreadsheet (XLSX): the same guard against formulas. */
export function spreadsheetText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The address of a list's export: the list's own path followed by `/export`, with the list's
 * current filters (page and page size dropped: the export holds every page) and the format.
 */
export function exportHref(listPath: string, filters: Readonly<Record<string, string | number | boolean | null | undefined | readonly string[]>>, format: ExportFormat): string {
  // Built by hand: the domain runs without the DOM's or Node's URLSearchParams in its types.
  const params: string[] = [];
  const add = (key: string, value: string) => params.push(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  for (const [key, value] of Object.entries(filters)) {
    if (key === 'page' || key === 'pageSize' || key === 'format' || value === null || value === undefined || value === '') continue;
    if (Array.isArray(value)) for (const v of value) add(key, String(v));
    else add(key, String(value));
  }
  add('format', format);
  return `${listPath.replace(/\/$/, '')}/export?${params.join('&')}`;
}

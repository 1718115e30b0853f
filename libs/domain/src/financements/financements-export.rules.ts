/**
 * The national list of financing lines as a file. The CSV is meant for French spreadsheets and
 * for scripts alike: UTF-8 with a BOM (Excel detects the encoding), « ; » as separator, amounts in
 * euros with a decimal comma and no thousands separator (« 12500,50 »: French Excel reads it as a
 * number, a script replaces the comma), days as ISO yyyy-mm-dd (unambiguous, sortable, and Excel
 * recognises them as dates), CRLF line ends (RFC 4180).
 */
export const CSV_SEPARATOR = ';';
export const CSV_BOM = '\uFEFF';

/** 1250050 cents -> "12500,50"; -5 -> "-0,05"; null -> "". */
export function centsToDecimalComma(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '';
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
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

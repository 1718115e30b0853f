/**
 * What one uploaded table (CSV or XLSX) may hold, so that reading it costs a bounded amount of
 * memory and time whatever its content. Defaults fit real partner files (a national funder's
 * yearly export is a few tens of thousands of lines over 10 to 30 columns); each can be changed
 * through the environment (see `loadConfig`).
 */
export interface TableLimits {
  /** Data lines (the header excluded). `IMPORT_MAX_LINES`. */
  maxLines: number;
  /** Columns up to the last non-empty cell of a line. `IMPORT_MAX_COLUMNS`. */
  maxColumns: number;
  /** Characters of one cell. `IMPORT_MAX_CELL_CHARS`. */
  maxCellChars: number;
  /** Bytes of an XLSX once unpacked (every part of the archive), and characters of a whole table. `IMPORT_MAX_UNPACKED_MB`. */
  maxUnpackedBytes: number;
  /** Bytes of the XLSX shared strings part (every distinct text of the workbook, held in memory while reading). `IMPORT_MAX_SHARED_STRINGS_MB`. */
  maxSharedStringsBytes: number;
}

export const DEFAULT_TABLE_LIMITS: TableLimits = {
  maxLines: 100_000,
  maxColumns: 100,
  maxCellChars: 10_000,
  maxUnpackedBytes: 50 * 1024 * 1024,
  maxSharedStringsBytes: 20 * 1024 * 1024,
};

/** A number the French way: 100 000. */
export const frenchNumber = (n: number): string => n.toLocaleString('fr-FR').replace(/[\u202f\u00a0]/g, ' ');

/** A size, the French way, for messages: « 50 Mo », « 16 Ko ». */
export const megabytes = (bytes: number): string =>
  bytes < 1024 * 1024 ? `${frenchNumber(Math.ceil(bytes / 1024))} Ko` : `${frenchNumber(Math.round((bytes / 1024 / 1024) * 10) / 10)} Mo`;

/** Spreadsheet column letters of a 1-based column number: 1 → A, 28 → AB. */
export function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

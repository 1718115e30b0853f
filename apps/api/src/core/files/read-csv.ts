import { parse } from 'csv-parse/sync';
import { AppError } from '../errors/app-error';
import type { ErrorCode } from '../errors/error-codes';

export interface CsvTable {
  header: string[];
  /** Data rows with their line number in the file (header = line 1). */
  rows: { line: number; values: Record<string, string> }[];
}

/** Text of an uploaded file: UTF-8 (with or without BOM), or Windows-1252 as spreadsheets often export. */
export function decodeText(buffer: Buffer): string {
  if (buffer.includes(0)) throw new Error('binary');
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(buffer);
  if (!utf8.includes('\uFFFD')) return utf8.replace(/^\uFEFF/, '');
  return new TextDecoder('windows-1252').decode(buffer);
}

/**
 * Reads a CSV file (comma or semicolon separated, guessed from the header line) into rows keyed by
 * lower-cased column name. Empty lines are skipped but line numbers stay those of the file.
 */
export function readCsv(buffer: Buffer, errorCode: ErrorCode): CsvTable {
  let text: string;
  try {
    text = decodeText(buffer);
  } catch {
    throw new AppError(errorCode, 'Le fichier n’est pas un fichier texte CSV.');
  }
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const where = (error as { lines?: number }).lines;
    throw new AppError(errorCode, `Fichier CSV illisible${where ? ` (ligne ${where})` : ''} : ${(error as Error).message}`);
  }
  if (records.length === 0) throw new AppError(errorCode, 'Le fichier est vide.');
  const header = records[0].record.map((h) => h.trim().toLowerCase());
  const rows = records.slice(1).map(({ record, info }) => {
    const values: Record<string, string> = {};
    header.forEach((column, i) => (values[column] = record[i] ?? ''));
    return { line: info.lines, values };
  });
  return { header, rows };
}

import type { ImportRow } from '@suivi-pvd/domain';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../core/errors/app-error';
import { decodeText } from '../core/files/read-csv';

/** A partner's file, read: the header cells and the data lines with their number in the file (header = 1). */
export interface ImportTable {
  format: 'csv' | 'xlsx';
  header: string[];
  rows: ImportRow[];
}

const invalid = (message: string) => new AppError('IMPORT_FILE_INVALID', message, { fichier: [message] });

/** Reads a CSV (UTF-8 with or without BOM, Windows-1252, UTF-16; `;` or `,`) or an XLSX file. */
export async function readImportFile(buffer: Buffer): Promise<ImportTable> {
  if (buffer.length === 0) throw invalid('Le fichier est vide.');
  if (buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return readXlsx(buffer);
  if (buffer.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw invalid('Format Excel 97-2003 (.xls) non pris en charge : enregistrez le fichier au format .xlsx ou .csv.');
  }
  return readCsvFile(buffer);
}

function decode(buffer: Buffer): string {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return new TextDecoder('utf-16le').decode(buffer.subarray(2));
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return new TextDecoder('utf-16be').decode(buffer.subarray(2));
  try {
    return decodeText(buffer);
  } catch {
    throw invalid('Le fichier n’est ni un CSV (texte) ni un classeur XLSX.');
  }
}

function readCsvFile(buffer: Buffer): ImportTable {
  const text = decode(buffer);
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const count = (c: string) => firstLine.split(c).length - 1;
  const delimiter = count(';') >= count(',') && count(';') >= count('\t') ? ';' : count('\t') > count(',') ? '\t' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (error) {
    const where = (error as { lines?: number }).lines;
    throw invalid(`Fichier CSV illisible${where ? ` (ligne ${where})` : ''} : ${(error as Error).message}`);
  }
  if (records.length === 0) throw invalid('Le fichier est vide.');
  const [head, ...data] = records;
  return {
    format: 'csv',
    header: head.record.map((h) => h.replace(/^\uFEFF/, '').trim()),
    rows: data.map(({ record, info }) => ({ ligne: info.lines, cells: record })),
  };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return '';
  return '';
}

async function readXlsx(buffer: Buffer): Promise<ImportTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw invalid('Classeur XLSX illisible : enregistrez-le de nouveau depuis votre tableur, ou exportez-le en CSV.');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) throw invalid('Le classeur est vide.');
  let header: string[] | null = null;
  const rows: ImportRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    const cells = values.map((v) => cellText(v).trim());
    if (header === null) {
      if (cells.every((c) => c === '')) return;
      header = cells;
      return;
    }
    rows.push({ ligne: row.number, cells });
  });
  if (header === null) throw invalid('Le classeur est vide.');
  return { format: 'xlsx', header, rows };
}

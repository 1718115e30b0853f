import { DENSITE_HEADER_SEARCH_ROWS, densiteHeaderColumns, type DensiteColumns } from '@suivi-pvd/domain';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { AppError } from '../core/errors/app-error';
import { decodeText } from '../core/files/read-csv';
import { FILE_FIELD } from '../core/files/upload';

/** One data line of a density grid: its number in the file (row number in the sheet) and its three cells. */
export interface DensiteLine {
  line: number;
  code: string;
  level: string;
  label: string | null;
}

export interface DensiteFile {
  format: 'csv' | 'xlsx';
  /** The worksheet read (XLSX). */
  sheet: string | null;
  /** Line (row) of the header in the file. */
  headerLine: number;
  hasLabelColumn: boolean;
  lines: DensiteLine[];
}

const EXPECTED = 'Colonnes attendues : CODGEO (code INSEE) et DENS (niveau de densité de 1 à 7), LIBDENS (libellé) si possible.';

export const densiteFileInvalid = (message: string) => new AppError('DENSITE_FILE_INVALID', message, { [FILE_FIELD]: [message] });

/**
 * Reads a density grid as INSEE publishes it (XLSX: title rows, then the header row, found by its
 * content, in the first worksheet that has one: `Grille_Densite` in INSEE's file) or as CSV (`;` or `,`, UTF-8 or Windows-1252, title lines allowed before the header).
 * The XLSX is read with exceljs's streaming reader: only the three useful cells of each line are
 * kept (about 35,000 lines for the whole of France).
 */
export async function readDensiteFile(buffer: Buffer): Promise<DensiteFile> {
  if (buffer.length === 0) throw densiteFileInvalid('Le fichier est vide.');
  if (buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return readXlsx(buffer);
  if (buffer.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw densiteFileInvalid('Format Excel 97-2003 (.xls) non pris en charge : enregistrez le fichier au format .xlsx ou .csv.');
  }
  return readCsvFile(buffer);
}

/** Finds the header among the first rows, then keeps the data lines. */
class GridCollector {
  columns: DensiteColumns | null = null;
  headerLine = 0;
  private scanned = 0;
  readonly lines: DensiteLine[] = [];
  firstCells: string[] | null = null;

  /** Returns false once the header was not found in time (the caller stops reading this table). */
  add(line: number, cells: string[]): boolean {
    if (this.columns === null) {
      if (cells.every((c) => c.trim() === '')) return true;
      this.firstCells ??= cells;
      this.columns = densiteHeaderColumns(cells);
      if (this.columns) this.headerLine = line;
      return this.columns !== null || ++this.scanned < DENSITE_HEADER_SEARCH_ROWS;
    }
    const { code, level, label } = this.columns;
    const at = (i: number) => (cells[i] ?? '').trim();
    if (at(code) === '' && at(level) === '') return true;
    this.lines.push({ line, code: at(code), level: at(level), label: label === null ? null : at(label) });
    return true;
  }

  missingHeader(): AppError {
    const seen = (this.firstCells ?? []).map((c) => c.trim()).filter((c) => c !== '');
    return densiteFileInvalid(`${EXPECTED} Aucune ligne d’en-tête trouvée parmi les ${DENSITE_HEADER_SEARCH_ROWS} premières lignes${seen.length > 0 ? ` (première ligne : ${seen.slice(0, 12).join(', ')})` : ''}.`);
  }
}

function readCsvFile(buffer: Buffer): DensiteFile {
  let text: string;
  try {
    text = decodeText(buffer);
  } catch {
    throw densiteFileInvalid('Le fichier n’est ni un CSV (texte) ni un classeur XLSX.');
  }
  // The delimiter is the one that dominates the first lines (title lines may come first).
  const head = text.split(/\r?\n/, DENSITE_HEADER_SEARCH_ROWS).join('\n');
  const delimiter = (head.match(/;/g)?.length ?? 0) >= (head.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (error) {
    const where = (error as { lines?: number }).lines;
    throw densiteFileInvalid(`Fichier CSV illisible${where ? ` (ligne ${where})` : ''} : ${(error as Error).message}`);
  }
  if (records.length === 0) throw densiteFileInvalid('Le fichier est vide.');
  const grid = new GridCollector();
  for (const { record, info } of records) if (!grid.add(info.lines, record)) break;
  if (!grid.columns) throw grid.missingHeader();
  return { format: 'csv', sheet: null, headerLine: grid.headerLine, hasLabelColumn: grid.columns.label !== null, lines: grid.lines };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return '';
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return '';
}

async function readXlsx(buffer: Buffer): Promise<DensiteFile> {
  const source = Readable.from(buffer);
  // Shared strings are cached (LIBGEO and LIBDENS are shared strings); styles, hyperlinks and other parts are skipped.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' });
  let found: { grid: GridCollector; sheet: string } | null = null;
  let first: GridCollector | null = null;
  try {
    for await (const sheet of reader) {
      const name = (sheet as unknown as { name?: string }).name ?? '';
      const grid = new GridCollector();
      first ??= grid;
      let searching = true;
      // The sheet is read to its end even when it has no header: the streaming reader moves to the next sheet only then.
      for await (const row of sheet) {
        if (!searching) continue;
        const values = Array.isArray(row.values) ? (row.values as ExcelJS.CellValue[]) : [];
        const cells: string[] = [];
        // values[0] is unused: columns start at 1.
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        searching = grid.add(row.number, cells);
      }
      if (grid.columns) {
        found = { grid, sheet: name };
        break;
      }
      // No header in this sheet (e.g. « Documentation » placed first): try the next one.
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw densiteFileInvalid('Classeur XLSX illisible : enregistrez-le de nouveau depuis votre tableur, ou exportez-le en CSV.');
  } finally {
    source.destroy();
  }
  if (!found) {
    if (!first) throw densiteFileInvalid('Le classeur est vide.');
    throw first.missingHeader();
  }
  const { grid, sheet } = found;
  return { format: 'xlsx', sheet, headerLine: grid.headerLine, hasLabelColumn: grid.columns?.label != null, lines: grid.lines };
}

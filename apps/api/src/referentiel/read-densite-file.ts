import { DENSITE_HEADER_SEARCH_ROWS, densiteHeaderColumns, type DensiteColumns } from '@suivi-pvd/domain';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { AppError } from '../core/errors/app-error';
import { readTable, TableRefused, type Table } from '../core/files/read-table';
import { DEFAULT_TABLE_LIMITS, type TableLimits } from '../core/files/table-limits';
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
 * content, in the first worksheet that has one: `Grille_Densite` in INSEE's file) or as CSV (`;`
 * or `,`, UTF-8 or Windows-1252, title lines allowed before the header), with the bounded reader
 * of every upload (`readTable`, within `limits`: 413 over a limit, 400 for a file that cannot be
 * read, on field `fichier`). readTable reads the first worksheet: a workbook whose first sheet has
 * no header (documentation placed first), already checked by it, is then read sheet by sheet with
 * exceljs's streaming reader, which keeps only the three useful cells of each line.
 */
export async function readDensiteFile(buffer: Buffer, limits: TableLimits = DEFAULT_TABLE_LIMITS): Promise<DensiteFile> {
  if (buffer.length === 0) throw densiteFileInvalid('Le fichier est vide.');
  let table: Table;
  try {
    table = await readTable(buffer, limits);
  } catch (error) {
    if (error instanceof TableRefused) {
      throw error.overLimit ? new AppError('IMPORT_FILE_TOO_LARGE', error.message, { [FILE_FIELD]: [error.message] }) : densiteFileInvalid(error.message);
    }
    throw error;
  }
  const grid = new GridCollector();
  if (grid.add(table.headerLine, table.header)) {
    for (const row of table.rows) if (!grid.add(row.ligne, row.cells)) break;
  }
  if (grid.columns) return { format: table.format, sheet: table.sheet, headerLine: grid.headerLine, hasLabelColumn: grid.columns.label !== null, lines: grid.lines };
  if (table.format === 'xlsx') return readXlsx(buffer);
  throw grid.missingHeader();
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

import { isUtf8 } from 'node:buffer';
import { PassThrough, Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { CsvError, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { columnLetters, frenchNumber, megabytes, type TableLimits } from './table-limits';
import { checkZipSizes, readZipDirectory, ZipRefused, type ZipEntry } from './zip-guard';

/** One data line of an uploaded table: its number in the file (header = 1) and its cells, trimmed. */
export interface TableRow {
  ligne: number;
  cells: string[];
}

/** An uploaded table, read: the header cells (its first non-blank line) and the non-blank data lines. */
export interface Table {
  format: 'csv' | 'xlsx';
  /** Line (row) of the header in the file. */
  headerLine: number;
  /** The worksheet read (XLSX), null for a CSV. */
  sheet: string | null;
  header: string[];
  rows: TableRow[];
}

/** Reading runs at most this long (ms) between two turns of the event loop: a large file never holds the server for long. */
const TURN_MS = 10;

/** Lets the event loop serve other work (pending I/O first). */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A turn's clock: `due()` once it has run TURN_MS. */
function turnClock(): { due(): boolean; next(): Promise<void> } {
  let since = performance.now();
  return {
    due: () => performance.now() - since >= TURN_MS,
    next: async () => {
      await nextTurn();
      since = performance.now();
    },
  };
}

/** A file refused while reading it; the message is French, for the user. `overLimit`: a size limit, not a broken file. */
export class TableRefused extends Error {
  constructor(
    message: string,
    readonly overLimit = false,
  ) {
    super(message);
  }
}

/**
 * Reads a CSV (UTF-8 with or without BOM, Windows-1252, UTF-16; `;`, `,` or tab) or an XLSX (its
 * first worksheet) as a stream, within `limits`: the XLSX archive's declared and actual unpacked
 * sizes are checked before anything is parsed, and reading stops at the first line, column, cell
 * or total beyond a limit. Memory: the kept lines (at most `maxUnpackedBytes` characters of text)
 * plus, for an XLSX, its shared strings (at most `maxSharedStringsBytes`).
 */
export async function readTable(buffer: Buffer, limits: TableLimits): Promise<Table> {
  if (buffer.length === 0) throw new TableRefused('Le fichier est vide.');
  if (buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return readXlsx(buffer, limits);
  if (buffer.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw new TableRefused('Format Excel 97-2003 (.xls) non pris en charge : enregistrez le fichier au format .xlsx ou .csv.');
  }
  return readCsv(buffer, limits);
}

/** Collects the lines of a table, enforcing the limits as they come. */
class Collector {
  header: string[] | null = null;
  headerLine = 0;
  readonly rows: TableRow[] = [];
  private characters = 0;

  constructor(private readonly limits: TableLimits) {}

  /** Takes one line (cells not yet trimmed); blank lines are skipped. */
  add(ligne: number, raw: string[]): void {
    let last = 0;
    for (let i = 0; i < raw.length; i++) {
      const cell = raw[i];
      if (cell.length > this.limits.maxCellChars) {
        throw new TableRefused(`Une cellule dépasse ${frenchNumber(this.limits.maxCellChars)} caractères (ligne ${ligne}, colonne ${columnLetters(i + 1)}).`, true);
      }
      if (cell.trim() !== '') last = i + 1;
    }
    if (last === 0) return;
    if (last > this.limits.maxColumns) throw new TableRefused(`La ligne ${ligne} dépasse ${frenchNumber(this.limits.maxColumns)} colonnes.`, true);
    const cells = raw.slice(0, last).map((c) => c.trim());
    for (const c of cells) this.characters += c.length;
    if (this.characters > this.limits.maxUnpackedBytes) throw new TableRefused(`Le fichier dépasse ${megabytes(this.limits.maxUnpackedBytes)} de texte.`, true);
    if (this.header === null) {
      this.header = cells.map((h) => h.replace(/^\uFEFF/, ''));
      this.headerLine = ligne;
      return;
    }
    if (this.rows.length >= this.limits.maxLines) throw new TableRefused(`Le fichier dépasse ${frenchNumber(this.limits.maxLines)} lignes.`, true);
    this.rows.push({ ligne, cells });
  }
}

// ─── CSV ─────────────────────────────────────────────────────────────────────

/** Characters handed to the CSV parser at once (it parses a piece in one go: about 150 lines, a few milliseconds). */
const CHUNK = 16 * 1024;

function encodingOf(buffer: Buffer): 'utf-16le' | 'utf-16be' | 'utf-8' | 'windows-1252' {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return 'utf-16le';
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return 'utf-16be';
  if (buffer.includes(0)) throw new TableRefused('Le fichier n’est ni un CSV (texte) ni un classeur XLSX.');
  return isUtf8(buffer) ? 'utf-8' : 'windows-1252';
}

/** The file's text, decoded piece by piece (a BOM is dropped). */
function* decodeChunks(buffer: Buffer, encoding: string): Generator<string> {
  const decoder = new TextDecoder(encoding);
  for (let i = 0; i < buffer.length; i += CHUNK) yield decoder.decode(buffer.subarray(i, i + CHUNK), { stream: true });
  yield decoder.decode();
}

function delimiterOf(buffer: Buffer, encoding: string): string {
  const start = new TextDecoder(encoding).decode(buffer.subarray(0, 64 * 1024));
  // The first line with a delimiter: title lines may come before the header (INSEE's files).
  const lines = start.split(/\r?\n/).filter((l) => l.trim() !== '');
  const firstLine = lines.find((l) => /[;,\t]/.test(l)) ?? lines[0] ?? '';
  const count = (c: string) => firstLine.split(c).length - 1;
  return count(';') >= count(',') && count(';') >= count('\t') ? ';' : count('\t') > count(',') ? '\t' : ',';
}

async function readCsv(buffer: Buffer, limits: TableLimits): Promise<Table> {
  const encoding = encodingOf(buffer);
  const parser = parse({
    delimiter: delimiterOf(buffer, encoding),
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
    // One line's buffer: every cell at its longest. Beyond, the parser stops at once (an unclosed quote, a huge cell).
    max_record_size: limits.maxCellChars * limits.maxColumns,
  });
  const source = Readable.from(decodeChunks(buffer, encoding));
  source.pipe(parser);
  const table = new Collector(limits);
  try {
    const turn = turnClock();
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      table.add(info.lines, record);
      if (turn.due()) await turn.next();
    }
  } catch (error) {
    if (error instanceof TableRefused) throw error;
    if (error instanceof CsvError && error.code === 'CSV_MAX_RECORD_SIZE') {
      const where = (error as CsvError & { lines?: number }).lines;
      throw new TableRefused(`Une cellule dépasse ${frenchNumber(limits.maxCellChars)} caractères${where ? ` (ligne ${where})` : ''}, ou un guillemet n’est pas refermé.`, true);
    }
    const where = (error as { lines?: number }).lines;
    throw new TableRefused(`Fichier CSV illisible${where ? ` (ligne ${where})` : ''} : ${(error as Error).message}`);
  } finally {
    source.destroy();
    parser.destroy();
  }
  if (table.header === null) throw new TableRefused('Le fichier est vide.');
  return { format: 'csv', headerLine: table.headerLine, sheet: null, header: table.header, rows: table.rows };
}

// ─── XLSX ────────────────────────────────────────────────────────────────────

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return '';
}

const unreadable = () => new TableRefused('Classeur XLSX illisible : enregistrez-le de nouveau depuis votre tableur, ou exportez-le en CSV.');

/**
 * exceljs's streaming reader, driven over the archive's entries as this module unpacks them:
 * exceljs 4.4.0 decodes each unpacked chunk on its own, which garbles a character split between
 * two chunks (« n° » read « n�� »); entries decoded here as UTF-8 streams reach it as whole
 * characters. Its parsing methods are internal (pinned version): the one place they are used.
 */
interface ExcelWorkbookReader {
  model?: { sheets?: { rId: string; name?: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<string>, sheetNo: string): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
}

async function readXlsx(buffer: Buffer, limits: TableLimits): Promise<Table> {
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(buffer);
    await checkZipSizes(buffer, entries, {
      maxUnpackedBytes: limits.maxUnpackedBytes,
      perEntry: {
        'xl/sharedStrings.xml': {
          max: limits.maxSharedStringsBytes,
          message: `Les textes du classeur dépassent ${megabytes(limits.maxSharedStringsBytes)} une fois décompressés.`,
        },
      },
    });
  } catch (error) {
    if (error instanceof ZipRefused) throw new TableRefused(error.message, error.overLimit);
    throw error;
  }
  const byName = new Map(entries.map((e) => [e.name, e]));
  const opened: Readable[] = [];
  /** An entry's text, unpacked and decoded as a stream (sizes checked above). */
  const open = (name: string): Readable | null => {
    const e = byName.get(name);
    if (!e) return null;
    const data = buffer.subarray(e.dataStart, e.dataStart + e.compressedSize);
    const stream = e.method === 0 ? Readable.from([data]).pipe(new PassThrough()) : Readable.from([data]).pipe(createInflateRaw());
    stream.setEncoding('utf8');
    opened.push(stream);
    return stream;
  };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as ExcelWorkbookReader;
  const table = new Collector(limits);
  try {
    const rels = open('xl/_rels/workbook.xml.rels');
    const book = open('xl/workbook.xml');
    if (!rels || !book) throw unreadable();
    await reader._parseRels(rels);
    await reader._parseWorkbook(book);
    const strings = open('xl/sharedStrings.xml');
    if (strings) for await (const _ of reader._parseSharedStrings(strings));
    const styles = open('xl/styles.xml');
    if (styles) await reader._parseStyles(styles);
    // The first worksheet of the workbook (its first tab).
    const firstRel = reader.workbookRels?.find((r) => r.Id === reader.model?.sheets?.[0]?.rId);
    const path = firstRel ? `xl/${firstRel.Target.replace(/^\/?xl\//, '').replace(/^\//, '')}` : 'xl/worksheets/sheet1.xml';
    const sheetNo = /sheet(\d+)\.xml$/.exec(path)?.[1] ?? '1';
    const sheetStream = open(path);
    if (!sheetStream) throw new TableRefused('Le classeur est vide.');
    const turn = turnClock();
    for (const { value: sheet } of reader._parseWorksheet(sheetStream, sheetNo)) {
      for await (const row of sheet) {
        const values = Array.isArray(row.values) ? (row.values as ExcelJS.CellValue[]) : [];
        // values[0] is unused (columns start at 1); a styled cell far to the right counts only when it holds something.
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) {
          if (i > limits.maxColumns && (values[i] === null || values[i] === undefined)) continue;
          cells[i - 1] = cellText(values[i]);
        }
        table.add(row.number, Array.from(cells, (c) => c ?? ''));
        if (turn.due()) await turn.next();
      }
    }
  } catch (error) {
    if (error instanceof TableRefused) throw error;
    throw unreadable();
  } finally {
    for (const stream of opened) stream.destroy();
  }
  if (table.header === null) throw new TableRefused('Le classeur est vide.');
  return { format: 'xlsx', headerLine: table.headerLine, sheet: reader.model?.sheets?.[0]?.name ?? null, header: table.header, rows: table.rows };
}

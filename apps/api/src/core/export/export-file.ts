import { centsToDecimalComma, CSV_BOM, csvLine, EXPORT_MAX_ROWS, numberToDecimalComma, PROGRAMME_TIME_ZONE, spreadsheetText, type ExportFormat } from '@suivi-pvd/domain';
import type { Response } from 'express';
import ExcelJS from 'exceljs';
import { once } from 'node:events';
import { todayInFrance } from '../time/today';

/**
 * The one way a list becomes a file (CSV or XLSX), whatever its area: column definitions with a
 * French header and a kind, and the rows as an async iterator of batches, written as they come so
 * that an export holds one batch in memory, whatever its size.
 *
 * Kinds: `texte` (formula-like texts neutralised), `euros` (an amount in cents: « 12500,50 » in
 * CSV, a number in euros in XLSX), `nombre` (decimal comma in CSV), `date` (an ISO day, written as
 * is in CSV and as a date in XLSX), `horodatage` (an instant, written in French time), `booleen`
 * (« oui » / « non »).
 */
export type ExportKind = 'texte' | 'euros' | 'nombre' | 'date' | 'horodatage' | 'booleen';
export type ExportValue = string | number | boolean | Date | null | undefined;

export interface ExportColumn<T> {
  header: string;
  kind: ExportKind;
  /** Column width in the XLSX (characters). */
  width?: number;
  value: (row: T) => ExportValue;
}

export interface ExportFile<T> {
  /** File name without extension; the day is appended (« pvd-2026-11-25.csv »). */
  name: string;
  /** The XLSX sheet's name (31 characters at most). */
  sheet: string;
  columns: readonly ExportColumn<T>[];
  batches: AsyncIterable<readonly T[]>;
  /** Rows written at most (EXPORT_MAX_ROWS by default). */
  maxRows?: number;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Built once (a formatter per cell made large exports slow: creating one costs about 0.2 ms). */
const INSTANT = new Intl.DateTimeFormat('en-CA', {
  timeZone: PROGRAMME_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An instant as « 2026-11-25 14:05:09 » in French time. */
function frenchInstant(value: Date | string): { text: string; parts: number[] } | null {
  const at = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(at.getTime())) return null;
  const parts = INSTANT.formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const n = [get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second')];
  const pad = (x: number) => String(x).padStart(2, '0');
  return { text: `${n[0]}-${pad(n[1])}-${pad(n[2])} ${pad(n[3])}:${pad(n[4])}:${pad(n[5])}`, parts: n };
}

function csvValue(kind: ExportKind, v: ExportValue): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'euros':
      return centsToDecimalComma(Number(v));
    case 'nombre':
      return typeof v === 'number' ? numberToDecimalComma(v) : numberToDecimalComma(Number(v));
    case 'horodatage':
      return frenchInstant(v as Date | string)?.text ?? null;
    case 'date':
      return v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);
    case 'booleen':
      return Boolean(v);
    default:
      return v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : String(v);
  }
}

function xlsxValue(kind: ExportKind, v: ExportValue): string | number | boolean | Date | null {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'euros':
      return Number(v) / 100;
    case 'nombre':
      return Number(v);
    case 'date':
      // An ISO day as a spreadsheet date: midnight UTC, no zone involved.
      return new Date(`${String(v).slice(0, 10)}T00:00:00Z`);
    case 'horodatage': {
      const at = frenchInstant(v as Date | string);
      // Spreadsheets have no zones: the French wall-clock time, stored as UTC.
      return at ? new Date(Date.UTC(at.parts[0], at.parts[1] - 1, at.parts[2], at.parts[3], at.parts[4], at.parts[5])) : null;
    }
    case 'booleen':
      return v ? 'oui' : 'non';
    default:
      return spreadsheetText(typeof v === 'string' ? v : String(v));
  }
}

const NUM_FMT: Record<ExportKind, string | undefined> = {
  texte: undefined,
  euros: '#,##0.00',
  nombre: undefined,
  date: 'dd/mm/yyyy',
  horodatage: 'dd/mm/yyyy hh:mm:ss',
  booleen: undefined,
};

async function write(response: Response, text: string): Promise<void> {
  if (!response.write(text)) await once(response, 'drain');
}

/** The rows of the batches, at most `max` of them. */
async function* bounded<T>(batches: AsyncIterable<readonly T[]>, max: number): AsyncGenerator<readonly T[]> {
  let left = max;
  for await (const batch of batches) {
    if (left <= 0) return;
    const rows = batch.length > left ? batch.slice(0, left) : batch;
    left -= rows.length;
    yield rows;
  }
}

/**
 * Streams the file into the response. Errors before the first byte reach the caller (the usual
 * error body); once the file has started, the download is cut so it is not taken for whole.
 */
export async function sendExport<T>(response: Response, format: ExportFormat, file: ExportFile<T>): Promise<void> {
  const day = todayInFrance();
  const batches = bounded(file.batches, file.maxRows ?? EXPORT_MAX_ROWS);
  try {
    if (format === 'csv') {
      let started = false;
      const start = async () => {
        if (started) return;
        started = true;
        response.setHeader('Cache-Control', 'private, no-store');
        response.setHeader('X-Content-Type-Options', 'nosniff');
        response.setHeader('Content-Type', 'text/csv; charset=utf-8');
        response.setHeader('Content-Disposition', `attachment; filename="${file.name}-${day}.csv"`);
        await write(response, CSV_BOM + csvLine(file.columns.map((c) => c.header)));
      };
      for await (const batch of batches) {
        await start();
        await write(response, batch.map((row) => csvLine(file.columns.map((c) => csvValue(c.kind, c.value(row))))).join(''));
      }
      await start();
      response.end();
      return;
    }
    const iterator = batches[Symbol.asyncIterator]();
    // The first batch is read before any header is sent, so that a bad query still gets its error body.
    let next = await iterator.next();
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Content-Type', XLSX_TYPE);
    response.setHeader('Content-Disposition', `attachment; filename="${file.name}-${day}.xlsx"`);
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: response, useStyles: true, useSharedStrings: false });
    workbook.creator = 'Suivi PVD';
    const sheet = workbook.addWorksheet(file.sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = file.columns.map((c, i) => {
      const numFmt = NUM_FMT[c.kind];
      return { key: String(i), header: c.header, width: c.width ?? (c.kind === 'texte' ? 24 : 14), style: numFmt ? { numFmt } : {} };
    });
    sheet.getRow(1).font = { bold: true };
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: file.columns.length } };
    while (!next.done) {
      for (const row of next.value) sheet.addRow(file.columns.map((c) => xlsxValue(c.kind, c.value(row)))).commit();
      next = await iterator.next();
    }
    sheet.commit();
    await workbook.commit();
  } catch (error) {
    if (response.headersSent) response.destroy(error as Error);
    else throw error;
  }
}

/**
 * Batches read page after page through a list's own query (same scope, filters and order as the
 * list), `size` rows at a time, until a short page.
 */
export async function* pagesOf<T>(fetch: (page: number, pageSize: number) => Promise<{ items: readonly T[] }>, size = 1000): AsyncGenerator<readonly T[]> {
  for (let page = 1; ; page++) {
    const { items } = await fetch(page, size);
    if (items.length > 0) yield items;
    if (items.length < size) return;
  }
}

/**
 * Batches read by keyset: `fetch(after)` returns the rows after that key, in key order, `size`
 * at most; the next call starts after the last row's key.
 */
export async function* keysetBatches<T, K>(first: K, key: (row: T) => K, fetch: (after: K, size: number) => Promise<readonly T[]>, size = 1000): AsyncGenerator<readonly T[]> {
  let after = first;
  for (;;) {
    const rows = await fetch(after, size);
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    after = key(rows[rows.length - 1]);
  }
}

/** A list held whole already (a short list): one batch. */
export async function* oneBatch<T>(rows: readonly T[] | Promise<readonly T[]>): AsyncGenerator<readonly T[]> {
  yield await rows;
}

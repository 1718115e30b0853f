import type { ImportRow } from '@suivi-pvd/domain';
import { AppError } from '../core/errors/app-error';
import { readTable, TableRefused } from '../core/files/read-table';
import type { TableLimits } from '../core/files/table-limits';

/** A partner's file, read: the header cells and the data lines with their number in the file (header = 1). */
export interface ImportTable {
  format: 'csv' | 'xlsx';
  header: string[];
  rows: ImportRow[];
}

/** The reader's refusal as the API's error on field `fichier`: 413 for a limit, 400 for a file that cannot be read. */
export function importFileError(error: TableRefused): AppError {
  return new AppError(error.overLimit ? 'IMPORT_FILE_TOO_LARGE' : 'IMPORT_FILE_INVALID', error.message, { fichier: [error.message] });
}

/** Reads a CSV (UTF-8 with or without BOM, Windows-1252, UTF-16; `;` or `,`) or an XLSX file, within the limits. */
export async function readImportFile(buffer: Buffer, limits: TableLimits): Promise<ImportTable> {
  try {
    return await readTable(buffer, limits);
  } catch (error) {
    if (error instanceof TableRefused) throw importFileError(error);
    throw error;
  }
}

import { IMPORT_COLUMNS, type ImportColumn, type ImportPartenaireType } from '@suivi-pvd/domain';
import ExcelJS from 'exceljs';

/** The example line, with the partner's own dispositif when it has one. */
function exampleCells(columns: readonly ImportColumn[], dispositif: string | null): string[] {
  return columns.map((c) => (c.nom === 'dispositif' && dispositif ? dispositif : c.exemple));
}

/** The header a column is written with (a column repeated per year: its first year). */
const header = (c: ImportColumn) => c.repetee?.entete ?? c.nom;

const csvCell = (v: string) => (/[;"\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The template as CSV: UTF-8 with BOM (spreadsheets then read the accents), `;` separated. */
export function csvTemplate(type: ImportPartenaireType, dispositif: string | null): Buffer {
  const columns = IMPORT_COLUMNS[type];
  const lines = [columns.map(header), exampleCells(columns, dispositif)].map((cells) => cells.map(csvCell).join(';'));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** The template as XLSX: the data sheet (header and example line, as text) and the columns' documentation. */
export async function xlsxTemplate(type: ImportPartenaireType, dispositif: string | null): Promise<Buffer> {
  const columns = IMPORT_COLUMNS[type];
  const workbook = new ExcelJS.Workbook();
  const data = workbook.addWorksheet('Données');
  data.columns = columns.map((c) => ({ header: header(c), key: c.nom, width: Math.max(14, header(c).length + 4), style: { numFmt: '@' } }));
  data.getRow(1).font = { bold: true };
  data.addRow(exampleCells(columns, dispositif));
  const doc = workbook.addWorksheet('Colonnes');
  doc.columns = [
    { header: 'Colonne', key: 'nom', width: 26 },
    { header: 'Obligatoire', key: 'obligatoire', width: 12 },
    { header: 'Contenu', key: 'description', width: 90 },
  ];
  doc.getRow(1).font = { bold: true };
  for (const c of columns) doc.addRow({ nom: c.nom, obligatoire: c.obligatoire ? 'oui' : 'non', description: c.description });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

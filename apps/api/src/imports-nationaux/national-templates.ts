import type { ImportColumn } from '@suivi-pvd/domain';
import ExcelJS from 'exceljs';

/** A column's header in the template: a column repeated per year is written for one year (`cout_2021`). */
const headerOf = (c: ImportColumn) => c.repetee?.entete ?? c.nom;

const csvCell = (v: string) => (/[;"\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The template as CSV: UTF-8 with BOM, `;` separated, the header and an example line. */
export function nationalCsvTemplate(columns: readonly ImportColumn[]): Buffer {
  const lines = [columns.map(headerOf), columns.map((c) => c.exemple)].map((cells) => cells.map(csvCell).join(';'));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** The template as XLSX: the data sheet (header and example line, as text) and the columns' documentation. */
export async function nationalXlsxTemplate(columns: readonly ImportColumn[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const data = workbook.addWorksheet('Données');
  data.columns = columns.map((c) => ({ header: headerOf(c), key: c.nom, width: Math.max(14, c.nom.length + 4), style: { numFmt: '@' } }));
  data.getRow(1).font = { bold: true };
  data.addRow(columns.map((c) => c.exemple));
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

import ExcelJS from 'exceljs';
import { AppError } from '../core/errors/app-error';
import { readDensiteFile } from './read-densite-file';

/** An XLSX laid out like INSEE's: an optional sheet first, title rows, a French header, the header, data. */
async function workbook(options: { documentationFirst?: boolean; rows: (string | number)[][]; titles?: boolean }): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  if (options.documentationFirst) book.addWorksheet('Documentation').addRows([['Grille de densité'], ['Définitions']]);
  const sheet = book.addWorksheet('Grille_Densite');
  if (options.titles !== false) {
    sheet.addRow(['Grille de densité']);
    sheet.addRow(['France – Niveau de densité (7 niveaux) des communes']);
    sheet.addRow(['Mise en ligne le 28/05/2024       Géographie au 01/01/2024']);
    sheet.addRow(['\nCode \nCommune\n', 'Libellé des communes\n', 'Typo degré de \nDensité\n', 'Libellé degré de densité']);
  }
  sheet.addRow(['CODGEO', 'LIBGEO', 'DENS', 'LIBDENS', 'PMUN21']);
  sheet.addRows(options.rows);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('reading a density grid file', () => {
  it('finds the header of an INSEE XLSX after its title rows and reads the data lines with their row numbers', async () => {
    const file = await readDensiteFile(await workbook({ rows: [['23001', 'Ahun', 5, 'Bourgs ruraux', 1433], [], ['01004', 'Ambérieu-en-Bugey', 2, 'Centres urbains intermédiaires', 14854]] }));
    expect(file).toMatchObject({ format: 'xlsx', sheet: 'Grille_Densite', headerLine: 5, hasLabelColumn: true });
    expect(file.lines).toEqual([
      { line: 6, code: '23001', level: '5', label: 'Bourgs ruraux' },
      { line: 8, code: '01004', level: '2', label: 'Centres urbains intermédiaires' },
    ]);
  });

  it('skips a sheet without the header (documentation placed first)', async () => {
    const file = await readDensiteFile(await workbook({ documentationFirst: true, titles: false, rows: [['23002', 'Ajain', 6, 'Rural à habitat dispersé', 1032]] }));
    expect(file).toMatchObject({ sheet: 'Grille_Densite', headerLine: 1, lines: [{ line: 2, code: '23002', level: '6' }] });
  });

  it('reads a CSV, title lines included, with or without the label column', async () => {
    const csv = Buffer.from(['Grille de densité', '', 'CODGEO;LIBGEO;DENS', '23001;Ahun;5'].join('\n'));
    expect(await readDensiteFile(csv)).toMatchObject({ format: 'csv', headerLine: 3, hasLabelColumn: false, lines: [{ line: 4, code: '23001', level: '5', label: null }] });
    const commas = Buffer.from('codgeo,dens,libdens\r\n1004,2,Centres urbains intermédiaires\r\n');
    expect(await readDensiteFile(commas)).toMatchObject({ headerLine: 1, lines: [{ line: 2, code: '1004', level: '2', label: 'Centres urbains intermédiaires' }] });
  });

  it('names the expected columns when no header is found', async () => {
    const error = await readDensiteFile(Buffer.from('a;b\n1;2\n')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/CODGEO.*DENS.*première ligne : a, b/);
  });

  it('refuses an old .xls and a broken workbook in French', async () => {
    await expect(readDensiteFile(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).rejects.toThrow(/Excel 97-2003/);
    await expect(readDensiteFile(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]))).rejects.toThrow(/illisible/);
  });
});

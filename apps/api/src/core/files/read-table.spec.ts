import ExcelJS from 'exceljs';
import { buildZip, sheetRows, xlsxParts } from '../../test/xlsx-fixtures';
import { readTable, TableRefused } from './read-table';
import { DEFAULT_TABLE_LIMITS, type TableLimits } from './table-limits';

const small: TableLimits = { maxLines: 5, maxColumns: 4, maxCellChars: 20, maxUnpackedBytes: 64 * 1024, maxSharedStringsBytes: 16 * 1024 };

async function refusal(file: Buffer, limits = small): Promise<TableRefused> {
  const error = await readTable(file, limits).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TableRefused);
  return error as TableRefused;
}

describe('readTable', () => {
  it('takes the delimiter from the first line that has one (title lines first) and gives the header’s line', async () => {
    const titled = await readTable(Buffer.from('Grille de densité\n\nCODGEO,DENS\n23001,5\n'), small);
    expect(titled).toMatchObject({ headerLine: 1, header: ['Grille de densité'], rows: [{ ligne: 3, cells: ['CODGEO', 'DENS'] }, { ligne: 4, cells: ['23001', '5'] }] });
  });

  it('reads a CSV in any of the usual encodings and separators, with the file’s line numbers', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\tb\r\n1\t2\r\n', 'utf16le')]);
    expect(await readTable(utf16, small)).toEqual({ format: 'csv', headerLine: 1, sheet: null, header: ['a', 'b'], rows: [{ ligne: 2, cells: ['1', '2'] }] });
    const latin1 = Buffer.from('référence;montant\n\nR-é; 1 000 \n;;\n', 'latin1');
    expect(await readTable(latin1, small)).toEqual({ format: 'csv', headerLine: 1, sheet: null, header: ['référence', 'montant'], rows: [{ ligne: 3, cells: ['R-é', '1 000'] }] });
    const bom = Buffer.from('\uFEFFa,b\n"x, y",2\n');
    expect((await readTable(bom, small)).rows).toEqual([{ ligne: 2, cells: ['x, y', '2'] }]);
  });

  it('refuses a CSV beyond each limit, naming it', async () => {
    const lines = (n: number) => Buffer.from(['a;b', ...Array.from({ length: n }, (_, i) => `${i};x`)].join('\n'));
    expect((await readTable(lines(5), small)).rows).toHaveLength(5);
    expect((await refusal(lines(6))).message).toBe('Le fichier dépasse 5 lignes.');
    expect((await refusal(Buffer.from('a;b\n1;2;3;4;5\n'))).message).toBe('La ligne 2 dépasse 4 colonnes.');
    // Empty trailing cells do not count as columns.
    expect((await readTable(Buffer.from('a;b\n1;2;;;;;;\n'), small)).rows).toEqual([{ ligne: 2, cells: ['1', '2'] }]);
    expect((await refusal(Buffer.from(`a;b\n1;2\n3;${'x'.repeat(21)}\n`))).message).toBe('Une cellule dépasse 20 caractères (ligne 3, colonne B).');
    const unclosed = await refusal(Buffer.from(`a;b\n1;"${'x'.repeat(500)}`));
    expect(unclosed.message).toBe('Une cellule dépasse 20 caractères (ligne 2), ou un guillemet n’est pas refermé.');
    expect(unclosed.overLimit).toBe(true);
    expect((await refusal(Buffer.from([0, 1, 2, 3]))).message).toBe('Le fichier n’est ni un CSV (texte) ni un classeur XLSX.');
  });

  it('reads the first worksheet of an XLSX, dates and numbers as text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Données');
    sheet.addRow(['reference', 'date', 'montant']);
    sheet.addRow(['X-1', new Date(Date.UTC(2024, 4, 2)), 1234.5]);
    sheet.addRow([]);
    sheet.addRow(['X-2', '03/05/2024', { richText: [{ text: 'mille' }, { text: ' euros' }] }]);
    // A character split between two unpacked chunks stays whole.
    for (let i = 0; i < 3000; i++) sheet.addRow([`L-${i}`, 'n° é', `Projet n° ${i} – « été »`]);
    workbook.addWorksheet('Autre').addRow(['ignorée']);
    const table = await readTable(Buffer.from(await workbook.xlsx.writeBuffer()), DEFAULT_TABLE_LIMITS);
    expect(table.header).toEqual(['reference', 'date', 'montant']);
    expect(table.rows.slice(0, 2)).toEqual([
      { ligne: 2, cells: ['X-1', '2024-05-02', '1234.5'] },
      { ligne: 4, cells: ['X-2', '03/05/2024', 'mille euros'] },
    ]);
    expect(table.rows).toHaveLength(3002);
    expect(table.rows.filter((r, i) => i >= 2 && (r.cells[1] !== 'n° é' || r.cells[2] !== `Projet n° ${i - 2} – « été »`))).toEqual([]);
  });

  it('refuses an XLSX beyond each limit, naming it', async () => {
    const rows = (n: number) => buildZip(xlsxParts(sheetRows([['a', 'b'], ...Array.from({ length: n }, (_, i) => [`${i}`, 'x'])])));
    expect((await readTable(rows(5), small)).rows).toHaveLength(5);
    expect((await refusal(rows(6))).message).toBe('Le fichier dépasse 5 lignes.');
    expect((await refusal(buildZip(xlsxParts(sheetRows([['a'], ['1', '2', '3', '4', '5']]))))).message).toBe('La ligne 2 dépasse 4 colonnes.');
    // A cell far to the right, through its reference.
    expect((await refusal(buildZip(xlsxParts('<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="XFD1" t="inlineStr"><is><t>z</t></is></c></row>')))).message).toBe(
      'La ligne 1 dépasse 4 colonnes.',
    );
    const long = await refusal(buildZip(xlsxParts('<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="12"><c r="A12" t="s"><v>0</v></c><c r="B12" t="s"><v>1</v></c></row>', ['a', 'y'.repeat(21)])));
    expect(long.message).toBe('Une cellule dépasse 20 caractères (ligne 12, colonne B).');
  });

  it('refuses an archive whose unpacked size is over the limit before unpacking it, and one that lies about it', async () => {
    const big = Buffer.alloc(65 * 1024, 'x');
    const declared = await refusal(buildZip(xlsxParts(`<row r="1"><c r="A1" t="inlineStr"><is><t>${big.toString()}</t></is></c></row>`)));
    expect(declared.message).toMatch(/^Le classeur dépasse 64 Ko une fois décompressé \(\d+ Ko\)\.$/);
    expect(declared.overLimit).toBe(true);
    // The shared strings: bounded on their own.
    const strings = await refusal(buildZip(xlsxParts('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', ['y'.repeat(17 * 1024)])));
    expect(strings.message).toBe('Les textes du classeur dépassent 16 Ko une fois décompressés.');
    // A bomb: the sheet says 1 KB, holds 50 MB of zeros (50 KB deflated).
    const parts = xlsxParts(Buffer.alloc(50 * 1024 * 1024, '0'));
    parts[parts.length - 1].declaredSize = 1024;
    const bomb = await refusal(buildZip(parts), DEFAULT_TABLE_LIMITS);
    expect(bomb.message).toBe('Le classeur déclare 1 Ko pour « xl/worksheets/sheet1.xml » mais en contient davantage : archive refusée.');
    // A broken archive.
    const broken = buildZip(xlsxParts(sheetRows([['a']])));
    expect((await refusal(broken.subarray(0, broken.length - 30))).message).toBe(
      'Classeur XLSX illisible (archive endommagée) : enregistrez-le de nouveau depuis votre tableur, ou exportez-le en CSV.',
    );
  });
});

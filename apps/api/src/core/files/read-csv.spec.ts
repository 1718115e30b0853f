import { AppError } from '../errors/app-error';
import { decodeText, readCsv } from './read-csv';

describe('readCsv', () => {
  it('reads comma-separated files with quotes, keeping file line numbers across blank lines', () => {
    const table = readCsv(Buffer.from('ID_PVD,insee_com,lib_com\r\npvd-1,23001,"Ahun, bourg"\r\n\r\npvd-2,23002,Ajain\r\n'), 'BAD_REQUEST');
    expect(table.header).toEqual(['id_pvd', 'insee_com', 'lib_com']);
    expect(table.rows).toEqual([
      { line: 2, values: { id_pvd: 'pvd-1', insee_com: '23001', lib_com: 'Ahun, bourg' } },
      { line: 4, values: { id_pvd: 'pvd-2', insee_com: '23002', lib_com: 'Ajain' } },
    ]);
  });

  it('guesses the semicolon and strips a BOM', () => {
    const table = readCsv(Buffer.from('\ufeffCODGEO;DENS\n23001;5\n'), 'BAD_REQUEST');
    expect(table.header).toEqual(['codgeo', 'dens']);
    expect(table.rows[0].values).toEqual({ codgeo: '23001', dens: '5' });
  });

  it('tolerates short lines', () => {
    const table = readCsv(Buffer.from('a,b,c\n1,2\n'), 'BAD_REQUEST');
    expect(table.rows[0].values).toEqual({ a: '1', b: '2', c: '' });
  });

  it('refuses an empty or binary file with the caller’s error code', () => {
    expect(() => readCsv(Buffer.from(''), 'PVD_IMPORT_FORMAT_UNKNOWN')).toThrow(AppError);
    try {
      readCsv(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00]), 'PVD_IMPORT_FORMAT_UNKNOWN');
    } catch (error) {
      expect(error).toMatchObject({ code: 'PVD_IMPORT_FORMAT_UNKNOWN', status: 400 });
    }
  });

  it('reports an unterminated quote with its line', () => {
    expect(() => readCsv(Buffer.from('a,b\n1,"open\n'), 'BAD_REQUEST')).toThrow(/illisible/);
  });
});

describe('decodeText', () => {
  it('reads UTF-8 and falls back to Windows-1252', () => {
    expect(decodeText(Buffer.from('Aire-sur-l’Adour', 'utf8'))).toBe('Aire-sur-l’Adour');
    expect(decodeText(Buffer.from([0x43, 0xe9, 0x72, 0x65, 0x74]))).toBe('Céret');
  });
});

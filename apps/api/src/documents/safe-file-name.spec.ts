import { safeFileName } from './safe-file-name';

describe('safeFileName', () => {
  it('drops bidi controls that disguise an extension', () => {
    expect(safeFileName('invoice\u202efdp.exe')).toBe('invoicefdp.exe');
    for (const c of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c']) {
      expect(safeFileName(`a${c}b.pdf`)).toBe('ab.pdf');
    }
  });

  it('drops C0 and C1 controls and DEL', () => {
    expect(safeFileName('a\u0000b\tc\nd\u001b\u007f\u0085\u009f.pdf')).toBe('abcd.pdf');
  });

  it('keeps accents and other letters, replaces path separators, falls back when nothing is left', () => {
    expect(safeFileName('Délibération n°2 – été.pdf')).toBe('Délibération n°2 – été.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(safeFileName('\u202e\u0000')).toBe('document');
    expect(safeFileName('x'.repeat(300))).toHaveLength(250);
  });
});

import { isInseeCommuneCode, normaliseInseeCode, searchKey } from './insee.rules';

describe('isInseeCommuneCode', () => {
  it.each(['23001', '01004', '2A004', '2B033', '97101'])('accepts %s', (code) => expect(isInseeCommuneCode(code)).toBe(true));
  it.each(['', '2300', '230011', '999999', '2C004', 'ABCDE', '23 01', '2a004'])('refuses "%s"', (code) =>
    expect(isInseeCommuneCode(code)).toBe(false),
  );
});

describe('normaliseInseeCode', () => {
  it('restores the leading zero a spreadsheet dropped', () => expect(normaliseInseeCode('1004')).toBe('01004'));
  it('trims and upper-cases Corsican codes', () => expect(normaliseInseeCode(' 2a004 ')).toBe('2A004'));
  it('leaves other values alone', () => expect(normaliseInseeCode('999999')).toBe('999999'));
});

describe('searchKey', () => {
  it('ignores accents, case, hyphens and apostrophes', () => {
    expect(searchKey("Saint-Étienne-d'Orthe")).toBe('saint etienne d orthe');
    expect(searchKey('  SAINT etienne   D’ORTHE ')).toBe('saint etienne d orthe');
  });
  it('folds ligatures', () => expect(searchKey('Cœuvres-et-Valsery')).toBe('coeuvres et valsery'));
  it('gives the same key to the name as typed without accents', () => expect(searchKey('Aire-sur-l’Adour')).toBe(searchKey('aire sur l adour')));
});

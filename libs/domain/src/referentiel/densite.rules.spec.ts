import { isNiveauDensite, isRural, libelleDensite } from './densite.rules';

describe('density levels', () => {
  it('knows the seven levels', () => {
    expect([0, 1, 4, 7, 8, 2.5].map(isNiveauDensite)).toEqual([false, true, true, true, false, false]);
    expect(libelleDensite(3)).toBe('Petites villes');
    expect(libelleDensite(null)).toBeNull();
  });
  it('calls rural the levels 5 to 7 only', () => {
    expect(([1, 2, 3, 4, 5, 6, 7] as const).map((n) => isRural(n))).toEqual([false, false, false, false, true, true, true]);
    expect(isRural(null)).toBe(false);
  });
});

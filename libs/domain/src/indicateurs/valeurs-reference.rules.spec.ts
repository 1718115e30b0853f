import { valeurReferenceErrors } from './valeurs-reference.rules';

describe('reference values', () => {
  const ok = { cle: 'france_services_total', zoneType: 'nation', zoneCode: '', dateValeur: '2023-12-31', valeur: 2800, source: 'ANCT 12/2023' };
  it('accepts a dated national or area value', () => {
    expect(valeurReferenceErrors(ok)).toEqual({});
    expect(valeurReferenceErrors({ ...ok, cle: 'maprimerenov_total', zoneType: 'departement', zoneCode: '2A', valeur: 1234567.5 })).toEqual({});
  });
  it('names each wrong field', () => {
    expect(Object.keys(valeurReferenceErrors({ cle: 'x', zoneType: 'commune', zoneCode: '', dateValeur: '2023-02-30', valeur: -1, source: ' ' }))).toEqual(['cle', 'zoneType', 'dateValeur', 'valeur', 'source']);
    expect(valeurReferenceErrors({ ...ok, zoneCode: '23' })).toHaveProperty('zoneCode');
    expect(valeurReferenceErrors({ ...ok, zoneType: 'region', zoneCode: '' })).toHaveProperty('zoneCode');
    expect(valeurReferenceErrors({ ...ok, valeur: 1e13 })).toHaveProperty('valeur');
    expect(valeurReferenceErrors({ ...ok, valeur: Number.NaN })).toHaveProperty('valeur');
  });
});

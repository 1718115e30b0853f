import { csvLine, exportHref, numberToDecimalComma, spreadsheetText } from './export.rules';

describe('export rules', () => {
  it('writes one CSV line with « ; », CRLF and neutralised formulas', () => {
    expect(csvLine(['Ahun', '=1+1', 12, true, null])).toBe("Ahun;'=1+1;12;oui;\r\n");
    expect(spreadsheetText('@SOMME(A1)')).toBe("'@SOMME(A1)");
  });

  it('writes decimals with a comma', () => {
    expect(numberToDecimalComma(12.5)).toBe('12,5');
    expect(numberToDecimalComma(null)).toBe('');
  });

  it('builds the export address from the list filters, without the page', () => {
    expect(exportHref('/api/pvd', { departement: '23', page: 3, pageSize: 50, q: '' }, 'csv')).toBe('/api/pvd/export?departement=23&format=csv');
    expect(exportHref('/api/missions/', { statut: ['a', 'b'] }, 'xlsx')).toBe('/api/missions/export?statut=a&statut=b&format=xlsx');
  });
});

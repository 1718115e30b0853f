import { formatDepartement, formatRegion } from './aire-label.rules';

describe('areas in French', () => {
  it('names a département with its code, or gives the code alone while its name is unknown', () => {
    expect(formatDepartement('23', 'Creuse')).toBe('Creuse (23)');
    expect(formatDepartement('2A', 'Corse-du-Sud')).toBe('Corse-du-Sud (2A)');
    expect(formatDepartement('971', null)).toBe('971');
  });
  it('names a région, or says « Région » and its code while its name is unknown', () => {
    expect(formatRegion('75', 'Nouvelle-Aquitaine')).toBe('Nouvelle-Aquitaine');
    expect(formatRegion('75')).toBe('Région 75');
  });
});

import { densiteGridProblem, densiteHeaderColumns, densiteLabelGrid, densiteLabelMatches, isNiveauDensite, isRural, libelleDensite } from './densite.rules';

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

describe('reading a density grid file', () => {
  it('recognises the header row by its content, not its position', () => {
    // INSEE's XLSX: title rows, a French header row, then the real header.
    expect(densiteHeaderColumns(['Grille de densité'])).toBeNull();
    expect(densiteHeaderColumns(['\nCode \nCommune\n', 'Libellé des communes\n', 'Typo degré de \nDensité\n', 'Libellé degré de densité'])).toBeNull();
    expect(densiteHeaderColumns(['CODGEO', 'LIBGEO', 'DENS', 'LIBDENS', 'PMUN21', 'P1'])).toEqual({ code: 0, level: 2, label: 3 });
    expect(densiteHeaderColumns(['\uFEFFcodgeo', 'dens'])).toEqual({ code: 0, level: 1, label: null });
    expect(densiteHeaderColumns(['Code INSEE', 'Niveau densité', 'Libellé densité'])).toEqual({ code: 0, level: 1, label: 2 });
    expect(densiteHeaderColumns(['CODGEO', 'LIBGEO'])).toBeNull();
  });

  it('tells the labels of the 7-level grid from those of the old 4-level grid', () => {
    expect(densiteLabelGrid('Bourgs ruraux')).toBe(7);
    expect(densiteLabelGrid('RURAL À HABITAT TRÈS DISPERSÉ')).toBe(7);
    expect(densiteLabelGrid('Communes densément peuplées')).toBe(4);
    expect(densiteLabelGrid('Densité intermédiaire')).toBe(4);
    expect(densiteLabelGrid('Très peu dense')).toBe(4);
    expect(densiteLabelGrid('')).toBeNull();
    expect(densiteLabelGrid('autre chose')).toBeNull();
  });

  it('checks that a label names its level', () => {
    expect(densiteLabelMatches(6, 'Rural à habitat dispersé')).toBe(true);
    expect(densiteLabelMatches(7, 'Rural à habitat dispersé')).toBe(false);
    expect(densiteLabelMatches(7, 'Rural à habitat très dispersé')).toBe(true);
    expect(densiteLabelMatches(6, 'Rural à habitat très dispersé')).toBe(false);
    expect(densiteLabelMatches(1, 'Grands centres urbains')).toBe(true);
    expect(densiteLabelMatches(2, 'Grands centres urbains')).toBe(false);
  });

  it('refuses the old 4-level grid, by its labels or, without labels, by its levels', () => {
    const all7 = new Set([1, 2, 3, 4, 5, 6, 7]);
    expect(densiteGridProblem({ levels: new Set([1, 2, 3, 4]), labels: ['Densément peuplé', 'Peu dense'], hasLabelColumn: true })).toMatch(/ancienne grille de densité à 4 niveaux/);
    // A label of the 4-level grid wins even if levels 5–7 are absent or present.
    expect(densiteGridProblem({ levels: all7, labels: ['Bourgs ruraux', 'Très peu dense'], hasLabelColumn: true })).toMatch(/4 niveaux/);
    // No labels and only levels 1 to 4: ambiguous, refused.
    expect(densiteGridProblem({ levels: new Set([1, 3, 4]), labels: [], hasLabelColumn: false })).toMatch(/impossible de savoir.*LIBDENS/);
    // The 7-level grid: named, or using levels 5–7.
    expect(densiteGridProblem({ levels: new Set([1, 2]), labels: ['Grands centres urbains', 'Centres urbains intermédiaires'], hasLabelColumn: true })).toBeNull();
    expect(densiteGridProblem({ levels: new Set([3, 5]), labels: [], hasLabelColumn: false })).toBeNull();
    expect(densiteGridProblem({ levels: all7, labels: [], hasLabelColumn: false })).toBeNull();
    // Nothing valid at all: left to the line-by-line report.
    expect(densiteGridProblem({ levels: new Set(), labels: [], hasLabelColumn: false })).toBeNull();
  });
});

import { classeCarte, indicateur, INDICATEUR_IDS, INDICATEURS, isIndicateurId, libellesClasses } from './catalogue';

describe('indicator catalogue', () => {
  it('declares the 37 figure groups of the report once each, in its order', () => {
    expect(INDICATEURS.map((i) => i.id)).toEqual([...INDICATEUR_IDS]);
    expect(INDICATEURS).toHaveLength(37);
  });

  it('gives every figure a French label and definition, a source and a way to show it', () => {
    for (const i of INDICATEURS) {
      expect(i.libelle.length).toBeGreaterThan(3);
      expect(i.definition.length).toBeGreaterThan(20);
      expect(i.sources.length).toBeGreaterThan(0);
      expect(i.representations.length).toBeGreaterThan(0);
    }
  });

  it('has all 37 figures available, the Club (C1–C4) included', () => {
    expect(INDICATEURS.filter((i) => i.disponible)).toHaveLength(37);
    expect(INDICATEURS.filter((i) => i.section === 'club').map((i) => i.id)).toEqual(['C1', 'C2', 'C3', 'C4']);
  });

  it('keeps the report’s map classes', () => {
    const mapOf = (id: 'P6' | 'P7' | 'T4') => indicateur(id).representations.find((r) => r.kind === 'carte');
    expect(mapOf('P6')).toMatchObject({ niveau: 'departement', seuils: [1, 1.6] });
    expect(mapOf('P7')).toMatchObject({ niveau: 'region', seuils: [1, 4, 8.5] });
    expect(mapOf('T4')).toMatchObject({ niveau: 'departement', seuils: [0.5, 1, 1.5] });
  });

  it('names a denominator for every share', () => {
    for (const i of INDICATEURS) {
      for (const r of i.representations) if (r.kind === 'part') expect(r.denominateur).toMatch(/^(P1|departements_pvd|valeur_reference:\w+)$/);
    }
  });

  it('puts maps’ thresholds in increasing order and classes values against them', () => {
    for (const i of INDICATEURS) {
      for (const r of i.representations) if (r.kind === 'carte') expect([...r.seuils].sort((a, b) => a - b)).toEqual(r.seuils);
    }
    expect(classeCarte(0.4, [1, 1.6])).toBe(0);
    expect(classeCarte(1, [1, 1.6])).toBe(1);
    expect(classeCarte(3.4, [1, 1.6])).toBe(2);
    expect(libellesClasses([1, 1.6])).toEqual(['moins de 1', 'de 1 à moins de 1,6', '1,6 et plus']);
  });

  it('recognises ids', () => {
    expect(isIndicateurId('T11')).toBe(true);
    expect(isIndicateurId('T15')).toBe(false);
    expect(isIndicateurId(undefined)).toBe(false);
  });
});

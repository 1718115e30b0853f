import {
  conventionPublique,
  DONNEES_PVD_COLONNES,
  ID_PVD_PUBLIC,
  indicateursPublicsErreurs,
  ligneCsvOuverte,
  nomFichierDonnees,
  ordreCatalogue,
  ortPublique,
  schemaDonneesPvd,
} from './public.rules';

describe('public rules', () => {
  it('shows a convention-cadre as signed only once signed, with its day', () => {
    expect(conventionPublique(null, '2026-01-01')).toEqual({ statut: 'non_engagee', dateSignature: null });
    expect(conventionPublique({ etat: 'signee', dateSignature: '2025-05-02' }, '2026-01-01')).toEqual({ statut: 'signee', dateSignature: '2025-05-02' });
    // Signed after the day asked: not yet.
    expect(conventionPublique({ etat: 'signee', dateSignature: '2026-05-02' }, '2026-01-01')).toEqual({ statut: 'en_preparation', dateSignature: null });
    for (const etat of ['brouillon', 'deposee', 'en_instruction', 'a_completer', 'validee']) {
      expect(conventionPublique({ etat, dateSignature: null }, '2026-01-01')).toEqual({ statut: 'en_preparation', dateSignature: null });
    }
  });

  it('shows an ORT in force with its earliest signature, nothing for one in preparation or ended', () => {
    expect(ortPublique([], '2026-01-01')).toEqual({ enVigueur: false, dateSignature: null });
    expect(ortPublique([{ statut: 'en_preparation', dateSignature: null, dureeAnnees: null }], '2026-01-01')).toEqual({ enVigueur: false, dateSignature: null });
    expect(ortPublique([{ statut: 'signee', dateSignature: '2019-01-01', dureeAnnees: 5 }], '2026-01-01')).toEqual({ enVigueur: false, dateSignature: null });
    expect(
      ortPublique(
        [
          { statut: 'signee', dateSignature: '2023-03-01', dureeAnnees: null },
          { statut: 'signee', dateSignature: '2022-03-01', dureeAnnees: 10 },
        ],
        '2026-01-01',
      ),
    ).toEqual({ enVigueur: true, dateSignature: '2022-03-01' });
  });

  it('checks the public indicators: known ids, once each; keeps the catalogue’s order', () => {
    expect(indicateursPublicsErreurs(['P1', 'T7'])).toEqual({});
    expect(indicateursPublicsErreurs(['P1', 'X9', 'P1'])).toEqual({ 'indicateurs.1': ['Indicateur inconnu : X9.'], 'indicateurs.2': ['L’indicateur P1 est en double.'] });
    expect(ordreCatalogue(['T7', 'P3', 'P1'])).toEqual(['P1', 'P3', 'T7']);
  });

  it('accepts national PVD ids in addresses, nothing else', () => {
    for (const ok of ['demo-23-1', 'PVD_0123', 'a.b']) expect(ID_PVD_PUBLIC.test(ok)).toBe(true);
    for (const ko of ['', '-x', '../etc', 'a b', 'é', 'x'.repeat(41), '<script>']) expect(ID_PVD_PUBLIC.test(ko)).toBe(false);
  });

  it('describes every column in a TableSchema with stable snake_case names', () => {
    const schema = schemaDonneesPvd('https://pvd.example');
    expect(schema.fields.map((f) => f.name)).toEqual(DONNEES_PVD_COLONNES.map((c) => c.name));
    for (const f of schema.fields) expect(f.name).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(schema.fields.map((f) => f.name)).toEqual([
      'id_pvd',
      'nom',
      'communes_insee',
      'epci_siren',
      'epci_nom',
      'departement_code',
      'region_code',
      'date_entree',
      'date_signature_convention_adhesion',
      'statut_convention_cadre',
      'date_signature_convention_cadre',
      'ort_en_vigueur',
      'date_signature_ort',
      'date_extraction',
    ]);
    expect(schema.fields.find((f) => f.name === 'date_entree')).toMatchObject({ type: 'date', format: '%Y-%m-%d', constraints: { required: false } });
    expect(schema.primaryKey).toBe('id_pvd');
    expect(schema.path).toBe('https://pvd.example/api/public/donnees/pvd.csv');
  });

  it('writes CSV per RFC 4180 with a comma, and dated file names', () => {
    expect(ligneCsvOuverte(['a', 'b,c', 'd"e', null, true])).toBe('a,"b,c","d""e",,true\r\n');
    expect(nomFichierDonnees('2026-12-04', 'csv')).toBe('petites-villes-de-demain-2026-12-04.csv');
  });

});

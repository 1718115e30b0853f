import { attributDefinitionsErrors, attributValuesErrors, type AttributDefinition } from './demarches.rules';

const FORME: AttributDefinition = { cle: 'forme', libelle: 'Forme', type: 'choix', choix: ['fixe', 'mobile'], obligatoire: true };
const DEFS: AttributDefinition[] = [
  FORME,
  { cle: 'date_ouverture', libelle: 'Date d’ouverture', type: 'date' },
  { cle: 'surface_ha', libelle: 'Surface (ha)', type: 'nombre' },
  { cle: 'projet', libelle: 'Projet', type: 'texte' },
  { cle: 'labellise', libelle: 'Labellisé', type: 'booleen' },
];

describe('attributDefinitionsErrors', () => {
  it('accepts consistent definitions, and none', () => {
    expect(attributDefinitionsErrors(DEFS)).toEqual({});
    expect(attributDefinitionsErrors([])).toEqual({});
  });

  it('refuses malformed and duplicate keys, by index', () => {
    const errors = attributDefinitionsErrors([
      { cle: 'Forme', libelle: 'Forme', type: 'texte' },
      { cle: '1a', libelle: 'A', type: 'texte' },
      { cle: 'ok', libelle: 'Ok', type: 'texte' },
      { cle: 'ok', libelle: 'Encore', type: 'texte' },
      { cle: 'x'.repeat(41), libelle: 'Long', type: 'texte' },
    ]);
    expect(Object.keys(errors).sort()).toEqual(['attributs.0.cle', 'attributs.1.cle', 'attributs.3.cle', 'attributs.4.cle']);
    expect(errors['attributs.3.cle']).toEqual(['Cette clé figure deux fois.']);
  });

  it('asks for a label, a known type, and two choices at least', () => {
    expect(attributDefinitionsErrors([{ cle: 'a', libelle: '  ', type: 'texte' }])).toEqual({ 'attributs.0.libelle': ['Indiquez le libellé.'] });
    expect(attributDefinitionsErrors([{ cle: 'a', libelle: 'A', type: 'couleur' as never }])).toEqual({ 'attributs.0.type': ['Type inconnu.'] });
    expect(attributDefinitionsErrors([{ cle: 'a', libelle: 'A', type: 'choix', choix: ['seul', ' '] }])).toEqual({ 'attributs.0.choix': ['Indiquez au moins deux choix.'] });
    expect(attributDefinitionsErrors([{ cle: 'a', libelle: 'A', type: 'choix' }])).toEqual({ 'attributs.0.choix': ['Indiquez au moins deux choix.'] });
  });
});

describe('attributValuesErrors', () => {
  it('accepts values of the declared types, and missing optional ones', () => {
    expect(attributValuesErrors(DEFS, { forme: 'fixe', date_ouverture: '2024-05-02', surface_ha: 1.5, projet: 'Ancienne usine', labellise: false })).toEqual({});
    expect(attributValuesErrors(DEFS, { forme: 'mobile' })).toEqual({});
  });

  it('asks for required attributes, empty or null counting as missing', () => {
    expect(attributValuesErrors(DEFS, {})).toEqual({ 'attributs.forme': ['Indiquez « Forme ».'] });
    expect(attributValuesErrors(DEFS, { forme: '' })).toEqual({ 'attributs.forme': ['Indiquez « Forme ».'] });
    expect(attributValuesErrors(DEFS, { forme: null })).toEqual({ 'attributs.forme': ['Indiquez « Forme ».'] });
  });

  it('refuses values of the wrong type, by field', () => {
    const errors = attributValuesErrors(DEFS, { forme: 'itinérante', date_ouverture: '02/05/2024', surface_ha: '1,5', projet: 12, labellise: 'oui' });
    expect(errors).toEqual({
      'attributs.forme': ['Choisissez parmi : fixe, mobile.'],
      'attributs.date_ouverture': ['Valeur invalide (date attendu).'],
      'attributs.surface_ha': ['Valeur invalide (nombre attendu).'],
      'attributs.projet': ['Valeur invalide (texte attendu).'],
      'attributs.labellise': ['Valeur invalide (oui / non attendu).'],
    });
    expect(Object.keys(attributValuesErrors(DEFS, { forme: 'fixe', surface_ha: Number.NaN }))).toEqual(['attributs.surface_ha']);
    expect(Object.keys(attributValuesErrors(DEFS, { forme: 'fixe', projet: 'x'.repeat(501) }))).toEqual(['attributs.projet']);
  });

  it('refuses attributes the scheme does not declare', () => {
    expect(attributValuesErrors([], { couleur: 'bleu' })).toEqual({ 'attributs.couleur': ['Attribut inconnu pour ce dispositif.'] });
  });
});

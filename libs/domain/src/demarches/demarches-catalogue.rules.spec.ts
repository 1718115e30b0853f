import { attributInputOf, cleanAttributValues, definitionChangeErrors, demarcheCodeFrom, formatAttributValue, parseAttributInput, participationErrors } from './demarches-catalogue.rules';
import type { AttributDefinition } from './demarches.rules';

describe('demarcheCodeFrom', () => {
  it('makes a stable key of a French name', () => {
    expect(demarcheCodeFrom('Ville amie des aînés')).toBe('ville_amie_des_aines');
    expect(demarcheCodeFrom('  Micro-Folie ')).toBe('micro_folie');
    expect(demarcheCodeFrom('« Petites cités de caractère® »')).toBe('petites_cites_de_caractere');
  });

  it('starts with a letter and keeps to 40 characters', () => {
    expect(demarcheCodeFrom('1 000 cafés')).toBe('d_1_000_cafes');
    const long = demarcheCodeFrom('Programme national de revitalisation des centres anciens et des faubourgs');
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long.endsWith('_')).toBe(false);
    expect(demarcheCodeFrom('!!!')).toBe('d');
  });
});

describe('participationErrors', () => {
  it('refuses an end before the start, accepts open dates', () => {
    expect(participationErrors({ dateDebut: '2024-01-01', dateFin: '2023-12-31' })).toEqual({ dateFin: ['La date de fin précède la date de début.'] });
    expect(participationErrors({ dateDebut: '2024-01-01', dateFin: '2024-01-01' })).toEqual({});
    expect(participationErrors({ dateDebut: null, dateFin: '2024-01-01' })).toEqual({});
  });
});

describe('cleanAttributValues', () => {
  it('drops empty values and trims texts, keeps false and 0', () => {
    expect(cleanAttributValues({ a: '', b: null, c: '  x ', d: false, e: 0, f: '   ' })).toEqual({ c: 'x', d: false, e: 0 });
  });
});

describe('definitionChangeErrors', () => {
  const forme: AttributDefinition = { cle: 'forme', libelle: 'Forme', type: 'choix', choix: ['fixe', 'mobile'] };
  const projet: AttributDefinition = { cle: 'projet', libelle: 'Projet', type: 'texte' };
  const usage = { forme: { participations: 3, valeurs: ['fixe', 'mobile'] } };

  it('lets definitions change freely where no participation holds a value', () => {
    expect(definitionChangeErrors([forme, projet], [{ ...forme, type: 'texte' }], {})).toEqual({});
    expect(definitionChangeErrors([forme, projet], [forme], usage)).toEqual({});
  });

  it('allows relabelling, adding choices and attributes, and making one required', () => {
    const after = [{ ...forme, libelle: 'Type', choix: ['fixe', 'mobile', 'itinérante'], obligatoire: true }, projet, { cle: 'n', libelle: 'N', type: 'nombre' as const }];
    expect(definitionChangeErrors([forme, projet], after, usage)).toEqual({});
  });

  it('refuses removing an attribute with values, or renaming its key', () => {
    expect(definitionChangeErrors([forme], [], usage)).toEqual({ attributs: ['« Forme » est renseigné pour 3 participations : il ne peut pas être retiré (ni sa clé changée).'] });
    expect(Object.keys(definitionChangeErrors([forme], [{ ...forme, cle: 'type' }], { forme: { participations: 1, valeurs: ['fixe'] } }))).toEqual(['attributs']);
  });

  it('refuses changing the type of a used attribute, or dropping a choice still held', () => {
    expect(definitionChangeErrors([projet, forme], [projet, { ...forme, type: 'texte' }], usage)).toEqual({
      'attributs.1.type': ['« Forme » est renseigné pour 3 participations : son type ne peut plus changer.'],
    });
    expect(definitionChangeErrors([forme], [{ ...forme, choix: ['fixe', 'itinérante'] }], usage)).toEqual({ 'attributs.0.choix': ['Choix encore utilisés, à conserver : « mobile ».'] });
    expect(definitionChangeErrors([forme], [{ ...forme, choix: ['mobile', 'fixe', 'autre'] }], usage)).toEqual({});
  });
});

describe('formatAttributValue', () => {
  it('shows each type in French', () => {
    expect(formatAttributValue({ type: 'booleen' }, true)).toBe('Oui');
    expect(formatAttributValue({ type: 'booleen' }, false)).toBe('Non');
    expect(formatAttributValue({ type: 'date' }, '2024-05-02')).toBe('02/05/2024');
    expect(formatAttributValue({ type: 'nombre' }, 1.5)).toBe('1,5');
    expect(formatAttributValue({ type: 'choix' }, 'fixe')).toBe('fixe');
    expect(formatAttributValue({ type: 'texte' }, null)).toBe('');
  });
});

describe('attributInputOf and parseAttributInput', () => {
  it('round-trips each type through a form input', () => {
    expect(attributInputOf({ type: 'nombre' }, 1.5)).toBe('1,5');
    expect(parseAttributInput({ type: 'nombre' }, ' 1 234,5 ')).toEqual({ value: 1234.5 });
    expect(attributInputOf({ type: 'booleen' }, false)).toBe('false');
    expect(parseAttributInput({ type: 'booleen' }, 'false')).toEqual({ value: false });
    expect(parseAttributInput({ type: 'booleen' }, 'true')).toEqual({ value: true });
    expect(parseAttributInput({ type: 'date' }, '2024-05-02')).toEqual({ value: '2024-05-02' });
    expect(parseAttributInput({ type: 'texte' }, '  x ')).toEqual({ value: 'x' });
    expect(attributInputOf({ type: 'texte' }, undefined)).toBe('');
  });

  it('gives null for an empty input and an error for a malformed number', () => {
    expect(parseAttributInput({ type: 'choix' }, '')).toEqual({ value: null });
    expect(parseAttributInput({ type: 'nombre' }, '12 ha')).toEqual({ error: 'Indiquez un nombre (par exemple 12 ou 1,5).' });
    expect(parseAttributInput({ type: 'nombre' }, '1,2,3')).toHaveProperty('error');
  });
});

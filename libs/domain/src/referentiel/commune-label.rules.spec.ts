import { deCommune, deNom } from './commune-label.rules';

describe('deCommune', () => {
  it('elides before a vowel, accented or not, and before a mute h', () => {
    expect(deCommune('Ahun')).toBe('Commune d’Ahun');
    expect(deCommune('Évaux-les-Bains')).toBe('Commune d’Évaux-les-Bains');
    expect(deCommune('Issoudun')).toBe('Commune d’Issoudun');
    expect(deCommune('Yssingeaux')).toBe('Commune d’Yssingeaux');
    expect(deCommune('Hendaye')).toBe('Commune d’Hendaye');
    expect(deCommune('Honfleur')).toBe('Commune d’Honfleur');
  });

  it('keeps « de » before a consonant and an aspirated h', () => {
    expect(deCommune('Ajain')).toBe('Commune d’Ajain');
    expect(deCommune('Guéret')).toBe('Commune de Guéret');
    expect(deCommune('Altkirch')).toBe('Commune d’Altkirch');
    expect(deCommune('Haguenau')).toBe('Commune de Haguenau');
    expect(deCommune('Hazebrouck')).toBe('Commune de Hazebrouck');
  });

  it('contracts with a leading « Le » or « Les », keeps « La » and « L’ »', () => {
    expect(deCommune('Le Blanc')).toBe('Commune du Blanc');
    expect(deCommune('Les Andelys')).toBe('Commune des Andelys');
    expect(deCommune('La Souterraine')).toBe('Commune de La Souterraine');
    expect(deCommune('L’Isle-Jourdain')).toBe('Commune de L’Isle-Jourdain');
    expect(deCommune('Lesparre-Médoc')).toBe('Commune de Lesparre-Médoc');
  });

  it('trims the name', () => {
    expect(deNom('  Ahun ')).toBe('d’Ahun');
  });
});

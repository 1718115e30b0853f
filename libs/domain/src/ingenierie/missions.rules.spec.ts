import { missionErrors } from './missions.rules';

describe('missionErrors', () => {
  const base = { montantEngage: 1_000_000, montantVerse: 0, dateDebut: '2024-01-10', dateFin: '2024-06-30', statut: 'livree' as const };

  it('accepts a consistent mission', () => {
    expect(missionErrors(base)).toEqual({});
    expect(missionErrors({ montantEngage: null, montantVerse: null, dateDebut: null, dateFin: null, statut: 'demandee' })).toEqual({});
  });

  it('refuses a payment above the engaged amount, negative amounts and an end before the start', () => {
    expect(missionErrors({ ...base, montantVerse: 1_000_001 })).toEqual({ montantVerse: ['Le montant versé dépasse le montant engagé.'] });
    expect(Object.keys(missionErrors({ ...base, montantEngage: -1, montantVerse: null }))).toEqual(['montantEngage']);
    expect(missionErrors({ ...base, dateFin: '2023-12-31' })).toEqual({ dateFin: ['La date de fin précède la date de début.'] });
    expect(missionErrors({ ...base, montantEngage: null, montantVerse: 10 })).toEqual({ montantEngage: ['Indiquez le montant engagé avant un versement.'] });
  });

  it('asks for the dates a status implies', () => {
    expect(missionErrors({ ...base, dateFin: null })).toEqual({ dateFin: ['Indiquez la date de livraison (fin de la mission).'] });
    expect(missionErrors({ ...base, statut: 'en_cours', dateDebut: null, dateFin: null })).toEqual({ dateDebut: ['Indiquez la date de début de la mission.'] });
  });
});

import type { Membership } from '../access/permissions';
import { missionErrors, missionRights, partnerOrganisationIds } from './missions.rules';

describe('missionErrors', () => {
  const TODAY = '2024-09-01';
  const base = { montantEngage: 1_000_000, montantVerse: 0, dateDemande: '2023-11-15', dateDebut: '2024-01-10', dateFin: '2024-06-30', dateEngagement: '2023-12-20', statut: 'livree' as const };
  const empty = { montantEngage: null, montantVerse: null, dateDemande: null, dateDebut: null, dateFin: null, dateEngagement: null };

  it('accepts a consistent mission', () => {
    expect(missionErrors(base, TODAY)).toEqual({});
    expect(missionErrors({ ...empty, statut: 'demandee' }, TODAY)).toEqual({});
  });

  it('refuses a payment above the engaged amount, negative amounts and an end before the start', () => {
    expect(missionErrors({ ...base, montantVerse: 1_000_001 }, TODAY)).toEqual({ montantVerse: ['Le montant versé dépasse le montant engagé.'] });
    expect(Object.keys(missionErrors({ ...base, montantEngage: -1, montantVerse: null }, TODAY))).toEqual(['montantEngage']);
    expect(missionErrors({ ...base, dateFin: '2023-12-31' }, TODAY)).toEqual({ dateFin: ['La date de fin précède la date de début.'] });
    expect(missionErrors({ ...base, montantEngage: null, montantVerse: 10 }, TODAY)).toEqual({ montantEngage: ['Indiquez le montant engagé avant un versement.'] });
  });

  it('asks for the dates a status implies', () => {
    expect(missionErrors({ ...base, dateFin: null }, TODAY)).toEqual({ dateFin: ['Indiquez la date de livraison (fin de la mission).'] });
    expect(missionErrors({ ...base, statut: 'en_cours', dateDebut: null, dateFin: null }, TODAY)).toEqual({ dateDebut: ['Indiquez la date de début de la mission.'] });
  });

  it('requires an engagement date for a financed status, not in the future nor before the request', () => {
    const required = ['Indiquez la date d’engagement : une mission accordée, en cours ou livrée est financée depuis ce jour.'];
    for (const statut of ['accordee', 'en_cours', 'livree'] as const) {
      expect(missionErrors({ ...base, statut, dateEngagement: null }, TODAY).dateEngagement).toEqual(required);
    }
    expect(missionErrors({ ...empty, statut: 'demandee' }, TODAY)).toEqual({});
    expect(missionErrors({ ...empty, statut: 'abandonnee' }, TODAY)).toEqual({});
    expect(missionErrors({ ...base, dateEngagement: '2024-09-02' }, TODAY)).toEqual({ dateEngagement: ['La date d’engagement ne peut pas être dans le futur.'] });
    expect(missionErrors({ ...base, dateEngagement: TODAY }, TODAY)).toEqual({});
    expect(missionErrors({ ...base, dateEngagement: '2023-11-14' }, TODAY)).toEqual({ dateEngagement: ['La date d’engagement précède la date de la demande.'] });
    expect(missionErrors({ ...base, dateEngagement: '2023-11-15' }, TODAY)).toEqual({});
  });
});

describe('missionRights', () => {
  const territory = { communes: ['23001'], epciSirens: ['200000001'], departementCodes: ['23'], regionCodes: ['75'] };
  const member = (over: Partial<Membership>): Membership => ({
    organisationId: 'org',
    organisationType: 'commune',
    organisationNom: 'X',
    role: 'chef_de_projet',
    communeInsee: '23001',
    epciSiren: null,
    departementCode: null,
    regionCode: null,
    ...over,
  });
  const bdt = member({ organisationId: 'bdt', organisationType: 'partenaire', role: 'partenaire', communeInsee: null });

  it('lets the chef de projet of the PVD write, not a neighbour', () => {
    expect(missionRights([member({})], territory, 'bdt')).toEqual({ lire: true, ecrire: true });
    expect(missionRights([member({ communeInsee: '23002' })], territory, 'bdt')).toEqual({ lire: false, ecrire: false });
  });

  it('lets a partner read and write the missions it funds, anywhere, and nothing else', () => {
    expect(missionRights([bdt], territory, 'bdt')).toEqual({ lire: true, ecrire: true });
    expect(missionRights([bdt], territory, 'cerema')).toEqual({ lire: false, ecrire: false });
    expect(missionRights([bdt], territory, null)).toEqual({ lire: false, ecrire: false });
  });

  it('lets the préfecture and the élu read only', () => {
    const prefecture = member({ organisationType: 'prefecture', role: 'prefecture_instructeur', communeInsee: null, departementCode: '23' });
    expect(missionRights([prefecture], territory, 'bdt')).toEqual({ lire: true, ecrire: false });
    expect(missionRights([member({ role: 'elu_lecteur' })], territory, 'bdt')).toEqual({ lire: true, ecrire: false });
  });

  it('lists the partner organisations a user enters missions for', () => {
    expect(partnerOrganisationIds([bdt, member({})])).toEqual(['bdt']);
  });
});

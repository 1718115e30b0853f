import {
  beneficiaireDansLeProgramme,
  clubDepartementalEnFonctionnementAu,
  evenementClubTenuAu,
  ficheProjetPublieeAu,
  participantsEvenementClub,
  conventionSigneeAu,
  operationHabitatActiveAu,
  ortEnVigueurAu,
  participationActiveAu,
  posteCofinanceAu,
  posteTenuAu,
  dateEngagementFinancement,
  financementEngageAu,
  missionFinanceeAu,
  periodeActiveAu,
  siegeEpci,
  statutFinancementAu,
  zoneDuBeneficiaire,
  type DatesStatutFinancement,
} from './comptage.rules';

const dates = (d: Partial<DatesStatutFinancement>): DatesStatutFinancement => ({
  dateDemande: null,
  dateEngagement: null,
  dateContractualisation: null,
  dateVersement: null,
  ...d,
});

describe('programme membership on a day', () => {
  const p = { debut: '2021-03-15', fin: '2023-06-30' };
  it('includes the first day and excludes the day the commune left', () => {
    expect(periodeActiveAu(p, '2021-03-14')).toBe(false);
    expect(periodeActiveAu(p, '2021-03-15')).toBe(true);
    expect(periodeActiveAu(p, '2023-06-29')).toBe(true);
    expect(periodeActiveAu(p, '2023-06-30')).toBe(false);
  });
  it('an open period lasts', () => {
    expect(periodeActiveAu({ debut: '2021-03-15', fin: null }, '2099-01-01')).toBe(true);
  });
});

describe('status of a financing line on a day', () => {
  const line = dates({ dateDemande: '2022-01-10', dateEngagement: '2022-05-02', dateVersement: '2023-11-20' });
  it('is the furthest status dated on or before the day', () => {
    expect(statutFinancementAu(line, '2022-01-09')).toBeNull();
    expect(statutFinancementAu(line, '2022-01-10')).toBe('demande');
    expect(statutFinancementAu(line, '2022-05-02')).toBe('engage');
    expect(statutFinancementAu(line, '2023-12-31')).toBe('verse');
  });
  it('counts as engaged from its engagement date, or its first later status', () => {
    expect(dateEngagementFinancement(line)).toBe('2022-05-02');
    expect(dateEngagementFinancement(dates({ dateContractualisation: '2022-07-01', dateVersement: '2022-09-01' }))).toBe('2022-07-01');
    expect(dateEngagementFinancement(dates({ dateDemande: '2022-01-10' }))).toBeNull();
    expect(financementEngageAu(line, '2022-05-01')).toBe(false);
    expect(financementEngageAu(line, '2022-05-02')).toBe(true);
  });
});

describe('financed missions', () => {
  it('count from their engagement, never when abandoned', () => {
    expect(missionFinanceeAu({ statut: 'accordee', dateEngagement: '2022-03-01' }, '2022-02-28')).toBe(false);
    expect(missionFinanceeAu({ statut: 'en_cours', dateEngagement: '2022-03-01' }, '2022-03-01')).toBe(true);
    expect(missionFinanceeAu({ statut: 'livree', dateEngagement: '2022-03-01' }, '2024-01-01')).toBe(true);
    expect(missionFinanceeAu({ statut: 'abandonnee', dateEngagement: '2022-03-01' }, '2024-01-01')).toBe(false);
    expect(missionFinanceeAu({ statut: 'demandee', dateEngagement: null }, '2024-01-01')).toBe(false);
  });
});

describe('what counts for the programme and where', () => {
  const membres = new Set(['23001', '23002']);
  const ahun = { type: 'commune' as const, insee: '23001', departementCode: '23', regionCode: '75' };
  const paris = { type: 'commune' as const, insee: '75056', departementCode: '75', regionCode: '11' };
  const epci = { type: 'epci' as const, siren: '200000000', communes: ['23001', '87001'], siege: { departementCode: '87', regionCode: '75' } };
  it('a commune outside the programme does not count; an EPCI counts through one member commune', () => {
    expect(beneficiaireDansLeProgramme(ahun, membres)).toBe(true);
    expect(beneficiaireDansLeProgramme(paris, membres)).toBe(false);
    expect(beneficiaireDansLeProgramme(epci, membres)).toBe(true);
    expect(beneficiaireDansLeProgramme({ ...epci, communes: ['87001'] }, membres)).toBe(false);
  });
  it("an EPCI's amount goes to its seat's area only", () => {
    expect(zoneDuBeneficiaire(ahun)).toEqual({ departementCode: '23', regionCode: '75' });
    expect(zoneDuBeneficiaire(epci)).toEqual({ departementCode: '87', regionCode: '75' });
  });
  it('the seat is the most populous member, ties to the smaller code', () => {
    expect(siegeEpci([{ insee: '23002', population: 900 }, { insee: '87001', population: 4000 }, { insee: '23001', population: 1400 }])?.insee).toBe('87001');
    expect(siegeEpci([{ insee: '23002', population: 900 }, { insee: '23001', population: 900 }])?.insee).toBe('23001');
    expect(siegeEpci([{ insee: '23002', population: null }, { insee: '23003', population: 10 }])?.insee).toBe('23003');
    expect(siegeEpci([])).toBeNull();
  });
});

describe('records in force on a day', () => {
  it('an OPAH counts while operational, within its dates', () => {
    const o = { phase: 'operationnelle', dateDebut: '2022-01-01', dateFin: '2026-12-31' };
    expect(operationHabitatActiveAu(o, '2021-12-31')).toBe(false);
    expect(operationHabitatActiveAu(o, '2022-01-01')).toBe(true);
    expect(operationHabitatActiveAu({ ...o, phase: 'close', dateFin: '2023-06-30' }, '2023-06-30')).toBe(true);
    expect(operationHabitatActiveAu({ ...o, phase: 'close', dateFin: '2023-06-30' }, '2023-07-01')).toBe(false);
    expect(operationHabitatActiveAu({ ...o, phase: 'etude_pre_operationnelle' }, '2023-01-01')).toBe(false);
    expect(operationHabitatActiveAu({ ...o, dateDebut: null }, '2023-01-01')).toBe(false);
  });
  it('an ORT counts from its signature until its term', () => {
    const o = { statut: 'signee', dateSignature: '2021-06-15', dureeAnnees: 5 };
    expect(ortEnVigueurAu(o, '2021-06-14')).toBe(false);
    expect(ortEnVigueurAu(o, '2021-06-15')).toBe(true);
    expect(ortEnVigueurAu(o, '2026-06-14')).toBe(true);
    expect(ortEnVigueurAu(o, '2026-06-15')).toBe(false);
    expect(ortEnVigueurAu({ ...o, dureeAnnees: null }, '2040-01-01')).toBe(true);
    expect(ortEnVigueurAu({ ...o, statut: 'abandonnee' }, '2022-01-01')).toBe(false);
    expect(ortEnVigueurAu({ ...o, statut: 'en_preparation', dateSignature: null }, '2022-01-01')).toBe(false);
  });
  it('participations and conventions', () => {
    expect(participationActiveAu({ dateDebut: null, dateFin: null }, '2020-01-01')).toBe(true);
    expect(participationActiveAu({ dateDebut: '2022-01-01', dateFin: '2023-01-01' }, '2023-01-01')).toBe(false);
    expect(conventionSigneeAu({ etat: 'signee', dateSignature: '2022-05-01' }, '2022-05-01')).toBe(true);
    expect(conventionSigneeAu({ etat: 'signee', dateSignature: '2022-05-01' }, '2022-04-30')).toBe(false);
    expect(conventionSigneeAu({ etat: 'validee', dateSignature: null }, '2030-01-01')).toBe(false);
  });
});

describe('chef de projet posts on a day', () => {
  const titulaires = [
    { debut: '2021-03-01', fin: '2023-06-30' },
    { debut: '2023-10-01', fin: null },
  ];
  it('are held from a holder\'s first day to their last, vacant in between', () => {
    expect(posteTenuAu(titulaires, '2021-02-28')).toBe(false);
    expect(posteTenuAu(titulaires, '2021-03-01')).toBe(true);
    expect(posteTenuAu(titulaires, '2023-06-30')).toBe(true);
    expect(posteTenuAu(titulaires, '2023-07-01')).toBe(false);
    expect(posteTenuAu(titulaires, '2030-01-01')).toBe(true);
    expect(posteTenuAu([], '2023-01-01')).toBe(false);
  });
  it('are co-financed when held and a participation covers the day', () => {
    const cofinanceurs = [{ debut: null, fin: '2024-12-31' }];
    expect(posteCofinanceAu({ titulaires, cofinanceurs }, '2022-01-01')).toBe(true);
    expect(posteCofinanceAu({ titulaires, cofinanceurs }, '2023-08-01')).toBe(false);
    expect(posteCofinanceAu({ titulaires, cofinanceurs }, '2024-12-31')).toBe(true);
    expect(posteCofinanceAu({ titulaires, cofinanceurs }, '2025-01-01')).toBe(false);
    expect(posteCofinanceAu({ titulaires, cofinanceurs: [{ debut: '2022-01-01', fin: null }] }, '2021-12-31')).toBe(false);
    expect(posteCofinanceAu({ titulaires, cofinanceurs: [] }, '2022-01-01')).toBe(false);
  });
});

describe('the Club (C1–C4)', () => {
  it('counts an event from its first day, once published, never a draft or a cancelled one', () => {
    expect(evenementClubTenuAu({ statut: 'publie', dateDebut: '2023-11-07' }, '2023-11-06')).toBe(false);
    expect(evenementClubTenuAu({ statut: 'publie', dateDebut: '2023-11-07' }, '2023-11-07')).toBe(true);
    expect(evenementClubTenuAu({ statut: 'brouillon', dateDebut: '2023-11-07' }, '2024-01-01')).toBe(false);
    expect(evenementClubTenuAu({ statut: 'annule', dateDebut: '2023-11-07' }, '2024-01-01')).toBe(false);
  });
  it('finds a club « en fonctionnement » when it met in the 12 months up to the day', () => {
    const reunions = [{ statut: 'publie', dateDebut: '2023-03-15' }];
    expect(clubDepartementalEnFonctionnementAu(reunions, '2023-03-14')).toBe(false);
    expect(clubDepartementalEnFonctionnementAu(reunions, '2023-03-15')).toBe(true);
    expect(clubDepartementalEnFonctionnementAu(reunions, '2024-03-14')).toBe(true);
    // Twelve months later to the day, the meeting no longer counts.
    expect(clubDepartementalEnFonctionnementAu(reunions, '2024-03-15')).toBe(false);
    expect(clubDepartementalEnFonctionnementAu([{ statut: 'annule', dateDebut: '2023-06-01' }], '2023-07-01')).toBe(false);
    // 29 February: twelve months before is 28 February, as in PostgreSQL.
    expect(clubDepartementalEnFonctionnementAu([{ statut: 'publie', dateDebut: '2023-02-28' }], '2024-02-29')).toBe(false);
    expect(clubDepartementalEnFonctionnementAu([{ statut: 'publie', dateDebut: '2023-03-01' }], '2024-02-29')).toBe(true);
  });
  it('counts a project sheet from its publication until it is withdrawn', () => {
    expect(ficheProjetPublieeAu({ publieeLe: null, depublieeLe: null }, '2024-01-01')).toBe(false);
    expect(ficheProjetPublieeAu({ publieeLe: '2023-05-10', depublieeLe: null }, '2023-05-09')).toBe(false);
    expect(ficheProjetPublieeAu({ publieeLe: '2023-05-10', depublieeLe: null }, '2023-05-10')).toBe(true);
    expect(ficheProjetPublieeAu({ publieeLe: '2023-05-10', depublieeLe: '2023-09-01' }, '2023-08-31')).toBe(true);
    expect(ficheProjetPublieeAu({ publieeLe: '2023-05-10', depublieeLe: '2023-09-01' }, '2023-09-01')).toBe(false);
  });
  it('takes the participants the organiser recorded, else those marked present', () => {
    expect(participantsEvenementClub({ participants: 904, presents: 12 })).toBe(904);
    expect(participantsEvenementClub({ participants: null, presents: 12 })).toBe(12);
  });
});

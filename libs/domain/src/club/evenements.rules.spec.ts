import type { Membership } from '../access/permissions';
import {
  CLUB_ANIMATION_TYPES,
  CLUB_EVENEMENT_TYPES,
  CLUB_FORMATION_TYPES,
  clubOrganisateurs,
  datesErrors,
  icsCalendar,
  icsFold,
  icsText,
  organisationErrors,
  peutGererEvenement,
  placeInscription,
  placesLiberees,
  type IcsEvenement,
} from './evenements.rules';

const membership = (m: Partial<Membership>): Membership => ({
  organisationId: 'org',
  organisationType: 'commune',
  organisationNom: 'Org',
  role: 'chef_de_projet',
  communeInsee: null,
  epciSiren: null,
  departementCode: null,
  regionCode: null,
  ...m,
});
const prefecture23 = membership({ organisationId: 'p23', organisationType: 'prefecture', role: 'prefecture_instructeur', departementCode: '23' });
const anct = membership({ organisationId: 'anct', organisationType: 'anct', role: 'anct_directeur' });
const partenaire = membership({ organisationId: 'cerema', organisationType: 'partenaire', role: 'partenaire' });
const chef = membership({ organisationId: 'ahun', communeInsee: '23001' });

describe('the Club’s kinds of events', () => {
  it('splits animations (C2) and trainings (C3); the club départemental is neither', () => {
    expect([...CLUB_ANIMATION_TYPES, ...CLUB_FORMATION_TYPES, 'club_departemental'].sort()).toEqual([...CLUB_EVENEMENT_TYPES].sort());
  });
});

describe('who organises what', () => {
  it('lists the organisations one organises as', () => {
    expect(clubOrganisateurs([chef])).toEqual([]);
    expect(clubOrganisateurs([prefecture23, chef]).map((o) => [o.organisationId, o.departementCode])).toEqual([['p23', '23']]);
  });

  it('lets a préfecture hold its club and local events in its own département only', () => {
    expect(organisationErrors({ organisationType: 'prefecture', departementCode: '23' }, { type: 'club_departemental', departementCode: '23' })).toEqual({});
    expect(Object.keys(organisationErrors({ organisationType: 'prefecture', departementCode: '23' }, { type: 'club_departemental', departementCode: '87' }))).toEqual(['departementCode']);
    expect(Object.keys(organisationErrors({ organisationType: 'prefecture', departementCode: '23' }, { type: 'rencontre_nationale', departementCode: '23' }))).toEqual(['type']);
  });

  it('lets a partner hold trainings, the ANCT anything; a club always has its département', () => {
    expect(organisationErrors({ organisationType: 'partenaire', departementCode: null }, { type: 'formation_initiale', departementCode: null })).toEqual({});
    expect(Object.keys(organisationErrors({ organisationType: 'partenaire', departementCode: null }, { type: 'webinaire', departementCode: null }))).toEqual(['type']);
    expect(organisationErrors({ organisationType: 'anct', departementCode: null }, { type: 'rencontre_nationale', departementCode: null })).toEqual({});
    expect(Object.keys(organisationErrors({ organisationType: 'anct', departementCode: null }, { type: 'club_departemental', departementCode: null }))).toEqual(['departementCode']);
  });

  it('lets the organiser’s members and the ANCT manage an event', () => {
    expect(peutGererEvenement([prefecture23], 'p23')).toBe(true);
    expect(peutGererEvenement([prefecture23], 'p87')).toBe(false);
    expect(peutGererEvenement([anct], 'p87')).toBe(true);
    expect(peutGererEvenement([partenaire], 'p23')).toBe(false);
    expect(peutGererEvenement([chef], 'ahun')).toBe(false);
  });
});

describe('days and hours', () => {
  it('refuses an end before the start', () => {
    expect(datesErrors({ dateDebut: '2027-03-10', dateFin: '2027-03-10', heureDebut: '10:00', heureFin: '11:30' })).toEqual({});
    expect(Object.keys(datesErrors({ dateDebut: '2027-03-10', dateFin: '2027-03-09', heureDebut: null, heureFin: null }))).toEqual(['dateFin']);
    expect(Object.keys(datesErrors({ dateDebut: '2027-03-10', dateFin: '2027-03-10', heureDebut: '10:00', heureFin: '09:00' }))).toEqual(['heureFin']);
    expect(Object.keys(datesErrors({ dateDebut: '2027-02-30', dateFin: '2027-03-10', heureDebut: null, heureFin: null }))).toEqual(['dateDebut']);
    expect(Object.keys(datesErrors({ dateDebut: '2027-03-10', dateFin: '2027-03-10', heureDebut: '25:00', heureFin: null }))).toEqual(['heureDebut']);
  });
});

describe('seats and the waiting list', () => {
  it('gives a seat while there is one, else the waiting list', () => {
    expect(placeInscription(0, 1)).toBe('inscrit');
    expect(placeInscription(1, 1)).toBe('attente');
    expect(placeInscription(500, null)).toBe('inscrit');
  });

  it('moves up as many as seats freed', () => {
    expect(placesLiberees(0, 1, 19)).toBe(1);
    expect(placesLiberees(1, 3, 1)).toBe(1);
    expect(placesLiberees(3, 3, 5)).toBe(0);
    expect(placesLiberees(5, 3, 5)).toBe(0);
    expect(placesLiberees(2, null, 4)).toBe(4);
  });
});

describe('iCalendar', () => {
  const base: IcsEvenement = {
    id: '7d3c5a9b-1234-4c2a-8f00-5b6a7c8d9e0f',
    titre: 'Webinaire : commerce, centre-bourg; vitrines',
    description: 'Première ligne\nSeconde ligne',
    dateDebut: '2027-03-30',
    dateFin: '2027-03-30',
    heureDebut: '10:00',
    heureFin: '11:30',
    lieu: null,
    lien: 'https://webinaire.exemple.fr/salle',
    statut: 'publie',
    modifieLe: new Date('2027-01-05T08:09:10.123Z'),
    version: 3,
    url: 'https://suivi.exemple.fr/club/evenements/7d3c5a9b-1234-4c2a-8f00-5b6a7c8d9e0f',
  };

  it('escapes texts and folds long lines at 75 octets without splitting a character', () => {
    expect(icsText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const folded = icsFold(`SUMMARY:${'é'.repeat(60)}`);
    for (const line of folded.split('\r\n')) expect([...line].reduce((n, ch) => n + (ch === 'é' ? 2 : 1), 0)).toBeLessThanOrEqual(75); // only ASCII and « é » (2 octets)
    expect(folded.split('\r\n').map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(`SUMMARY:${'é'.repeat(60)}`);
  });

  it('writes local times in Europe/Paris with the zone’s definition', () => {
    const text = icsCalendar('Club PVD', [base]);
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.split('\r\n');
    expect(lines).toContain('TZID:Europe/Paris');
    expect(lines).toContain('DTSTART;TZID=Europe/Paris:20270330T100000');
    expect(lines).toContain('DTEND;TZID=Europe/Paris:20270330T113000');
    expect(lines).toContain('DTSTAMP:20270105T080910Z');
    expect(lines).toContain('SEQUENCE:2');
    expect(lines).toContain('SUMMARY:Webinaire : commerce\\, centre-bourg\\; vitrines');
    expect(lines).toContain('STATUS:CONFIRMED');
    expect(lines).toContain(`UID:${base.id}@suivi-pvd.anct.gouv.fr`);
  });

  it('writes whole days with an exclusive end, and cancelled events as such', () => {
    const lines = icsCalendar('Club', [{ ...base, heureDebut: null, heureFin: null, dateFin: '2027-03-31', statut: 'annule' }]).split('\r\n');
    expect(lines).toContain('DTSTART;VALUE=DATE:20270330');
    expect(lines).toContain('DTEND;VALUE=DATE:20270401');
    expect(lines).toContain('STATUS:CANCELLED');
    expect(lines).not.toContain('TZID:Europe/Paris');
  });
});

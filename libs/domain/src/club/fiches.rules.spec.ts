import { classePopulation, contactEmailErreur, contactTelephoneErreur, ficheActionsPossibles, ficheDates, ficheManques, ficheModifiable, ficheTransition, type FicheContenu } from './fiches.rules';

const complete: FicheContenu = {
  titre: 'Halle du marché',
  themes: ['commerce'],
  resume: 'Rénovation de la halle.',
  resultats: 'Un marché chaque samedi.',
  contactFonction: 'Chef de projet Petites villes de demain',
  contactEmail: 'pvd@mairie-ahun.fr',
  contactTelephone: null,
  budgetTotal: 100_000,
  financements: [{ financeur: 'État (DETR)', montant: 40_000 }],
  photos: [{ texteAlternatif: 'La halle rénovée' }],
};

describe('fiches-projets workflow', () => {
  it('goes brouillon → en_revue → a_modifier → en_revue → publiee → depubliee → publiee', () => {
    expect(ficheTransition('brouillon', 'soumettre', ['redacteur'])).toEqual({ ok: true, statut: 'en_revue' });
    expect(ficheTransition('en_revue', 'demander_modifications', ['relecteur'])).toEqual({ ok: true, statut: 'a_modifier' });
    expect(ficheTransition('a_modifier', 'soumettre', ['redacteur'])).toEqual({ ok: true, statut: 'en_revue' });
    expect(ficheTransition('en_revue', 'publier', ['relecteur'])).toEqual({ ok: true, statut: 'publiee' });
    expect(ficheTransition('publiee', 'depublier', ['redacteur'])).toEqual({ ok: true, statut: 'depubliee' });
    expect(ficheTransition('depubliee', 'publier', ['relecteur'])).toEqual({ ok: true, statut: 'publiee' });
  });

  it('refuses the chef publishing, the ANCT submitting, and out-of-order steps', () => {
    expect(ficheTransition('en_revue', 'publier', ['redacteur']).ok).toBe(false);
    expect(ficheTransition('brouillon', 'soumettre', ['relecteur']).ok).toBe(false);
    expect(ficheTransition('brouillon', 'publier', ['relecteur'])).toEqual({ ok: false, raison: 'Une fiche « brouillon » ne peut pas être publiée.' });
    expect(ficheTransition('publiee', 'soumettre', ['redacteur']).ok).toBe(false);
  });

  it('lists the possible actions and when the chef edits', () => {
    expect(ficheActionsPossibles('en_revue', ['relecteur'])).toEqual(['demander_modifications', 'publier']);
    expect(ficheActionsPossibles('publiee', ['redacteur'])).toEqual(['depublier']);
    expect(ficheModifiable('brouillon')).toBe(true);
    expect(ficheModifiable('en_revue')).toBe(false);
    expect(ficheModifiable('publiee')).toBe(false);
    expect(ficheModifiable('depubliee')).toBe(true);
  });

  it('keeps the first publication day and clears the unpublication on republication', () => {
    const first = ficheDates({ publieeLe: null, depublieeLe: null }, 'publiee', '2026-03-01');
    expect(first).toEqual({ publieeLe: '2026-03-01', depublieeLe: null });
    const off = ficheDates(first, 'depubliee', '2026-04-01');
    expect(off).toEqual({ publieeLe: '2026-03-01', depublieeLe: '2026-04-01' });
    expect(ficheDates(off, 'publiee', '2026-05-01')).toEqual({ publieeLe: '2026-03-01', depublieeLe: null });
  });
});

describe('completeness', () => {
  it('accepts a complete sheet', () => {
    expect(ficheManques(complete)).toEqual({});
  });

  it('names every missing field', () => {
    const manques = ficheManques({ ...complete, titre: ' ', themes: [], resume: null, resultats: '', contactFonction: null, contactEmail: null, photos: [{ texteAlternatif: '' }] });
    expect(Object.keys(manques).sort()).toEqual(['contactEmail', 'contactFonction', 'photos.0.texteAlternatif', 'resultats', 'resume', 'themes', 'titre']);
  });

  it('refuses financing above the total budget', () => {
    expect(ficheManques({ ...complete, financements: [{ financeur: 'Région', montant: 100_001 }] })).toEqual({ financements: 'Les financements dépassent le budget total.' });
  });
});

describe('contact by role', () => {
  it('accepts a service address and refuses personal mailboxes', () => {
    expect(contactEmailErreur('pvd@mairie-ahun.fr')).toBeNull();
    expect(contactEmailErreur('jean.dupont@gmail.com')).toMatch(/pas une adresse personnelle/);
    expect(contactEmailErreur('pas une adresse')).toBe('Adresse électronique invalide.');
    expect(contactTelephoneErreur('05 55 62 40 60')).toBeNull();
    expect(contactTelephoneErreur('appelez-moi')).toBe('Numéro de téléphone invalide.');
  });
});

describe('classes of population', () => {
  it('puts a population in its class', () => {
    expect(classePopulation(1999)).toBe('moins_2000');
    expect(classePopulation(2000)).toBe('2000_5000');
    expect(classePopulation(9999)).toBe('5000_10000');
    expect(classePopulation(10000)).toBe('10000_plus');
    expect(classePopulation(null)).toBeNull();
  });
});

import { conventionTitle, isAcceptedDocumentType, planActionErrors } from './convention.rules';

describe('conventionTitle', () => {
  it('names conventions as users do', () => {
    expect(conventionTitle('adhesion', null)).toBe("Convention d'adhésion");
    expect(conventionTitle('cadre', null)).toBe('Convention-cadre');
    expect(conventionTitle('avenant', 2)).toBe('Avenant n° 2 à la convention-cadre');
  });
});

describe('planActionErrors', () => {
  const action = { intitule: 'Halle', thematique: 'commerce' as const, statut: 'a_lancer' as const };
  it('accepts missing dates, one date, and an end on the start day', () => {
    expect(planActionErrors([action, { ...action, dateDebut: '2026-01-01' }, { ...action, dateDebut: '2026-01-01', dateFin: '2026-01-01' }])).toEqual({});
  });
  it('refuses an end before the start, on the field of the right line', () => {
    expect(planActionErrors([action, { ...action, dateDebut: '2026-02-01', dateFin: '2026-01-31' }])).toEqual({
      'actions.1.dateFin': ['La fin prévue ne peut pas précéder le début prévu.'],
    });
  });
});

describe('isAcceptedDocumentType', () => {
  it('accepts PDF and office documents, nothing else', () => {
    expect(isAcceptedDocumentType('application/pdf')).toBe(true);
    expect(isAcceptedDocumentType('application/vnd.oasis.opendocument.text')).toBe(true);
    expect(isAcceptedDocumentType('image/png')).toBe(false);
    expect(isAcceptedDocumentType('application/x-msdownload')).toBe(false);
  });
});

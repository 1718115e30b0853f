import { ALERTES_DU_RESUME, alerteLisible, lectureDuDossier, organisationsLectricesDuResume, sectionsDuDossier, SECTIONS_DU_RESUME } from './dossier-lecture.rules';
import { roleCan, ROLES, type Membership, type Territory } from './permissions';

const AHUN: Territory = { communes: ['23001'], epciSirens: ['200000001'], departementCodes: ['23'], regionCodes: ['75'] };
const member = (over: Partial<Membership>): Membership => ({
  organisationId: 'org-commune',
  organisationType: 'commune',
  organisationNom: 'Ahun',
  role: 'chef_de_projet',
  communeInsee: '23001',
  epciSiren: null,
  departementCode: null,
  regionCode: null,
  ...over,
});
const partner = (organisationId = 'org-bdt') => member({ organisationId, organisationType: 'partenaire', organisationNom: 'Banque des Territoires', role: 'partenaire', communeInsee: null });

describe('what a user reads of a dossier', () => {
  it('gives every reader of the PVD the whole dossier, whatever they fund', () => {
    expect(lectureDuDossier([member({})], AHUN, false)).toBe('complete');
    expect(lectureDuDossier([member({ organisationType: 'prefecture', role: 'prefecture_instructeur', communeInsee: null, departementCode: '23' })], AHUN, false)).toBe('complete');
    expect(lectureDuDossier([member({}), partner()], AHUN, true)).toBe('complete');
  });

  it('gives a partner the summary where its organisation funds something, and nothing elsewhere', () => {
    expect(lectureDuDossier([partner()], AHUN, true)).toBe('resume');
    expect(lectureDuDossier([partner()], AHUN, false)).toBeNull();
  });

  it('never opens a dossier through a scope that does not cover it, funding or not, for a non-partner', () => {
    const ajain = member({ communeInsee: '23002' });
    expect(lectureDuDossier([ajain], AHUN, false)).toBeNull();
    // `financeDansLaPvd` only counts for partner memberships.
    expect(lectureDuDossier([ajain], AHUN, true)).toBeNull();
  });

  it('keeps documents, contacts, history and the posts’ details out of the summary', () => {
    for (const hidden of ['contacts', 'documents', 'discussion', 'historique', 'adhesions', 'postes', 'operations_habitat', 'demarches'] as const) {
      expect(sectionsDuDossier('resume')).not.toContain(hidden);
      expect(sectionsDuDossier('complete')).toContain(hidden);
    }
    expect(sectionsDuDossier('resume')).toEqual(SECTIONS_DU_RESUME);
    expect(sectionsDuDossier('resume')).toEqual(expect.arrayContaining(['territoire', 'conventions', 'etat_postes', 'missions', 'ort', 'financements']));
    // The full dossier shows the posts' state within their section.
    expect(sectionsDuDossier('complete')).not.toContain('etat_postes');
  });

  it('shows the summary the conventions’ and posts’ state alerts, not the posts’ co-financing', () => {
    expect(alerteLisible('resume', 'CADRE_EN_RETARD')).toBe(true);
    expect(alerteLisible('resume', 'POSTE_VACANT')).toBe(true);
    expect(alerteLisible('resume', 'DEMANDE_ANNUELLE_MANQUANTE')).toBe(false);
    expect(alerteLisible('resume', 'FIN_COFINANCEMENT_PROCHE')).toBe(false);
    expect(alerteLisible('complete', 'FIN_COFINANCEMENT_PROCHE')).toBe(true);
    expect(ALERTES_DU_RESUME).toHaveLength(5);
  });

  it('names the partner organisations that read summaries, once each', () => {
    expect(organisationsLectricesDuResume([partner('a'), partner('a'), partner('b'), member({})])).toEqual(['a', 'b']);
    expect(organisationsLectricesDuResume([member({})])).toEqual([]);
  });

  it('lets every reader of dossiers read their summary (the summary routes’ permission)', () => {
    for (const role of ROLES) if (roleCan(role, 'pvd:lire')) expect({ role, resume: roleCan(role, 'pvd:resume') }).toEqual({ role, resume: true });
    expect(ROLES.filter((r) => roleCan(r, 'pvd:resume') && !roleCan(r, 'pvd:lire'))).toEqual(['partenaire']);
  });
});

import { AUDIT_ENTITIES, AUDIT_ENTITY_TYPES } from './audit-dictionary.rules';
import { MASQUE, refLabel, type AuditLabelOf } from './audit-fields.rules';
import { formatAnyValue, formatFileSize, formatLongDate } from './audit-values.rules';
import { auditActionLabel, auditChanges, auditObjet, auditRefsOf, unnamedAuditFields } from './audit-words.rules';

/** French number formatting separates thousands with narrow no-break spaces: compare with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

const LABELS: Record<string, string> = {
  'commune:23001': 'Ahun (23)',
  'commune:23096': 'Guéret (23)',
  'epci:200067106': 'CC Creuse Sud-Ouest',
  'convention:2f0c1b8e-7a61-4a61-9a57-1d4f2c3b4a5d': 'Convention-cadre – Ahun',
  'dispositif:7d3c5a9b-1234-4c2a-8f00-5b6a7c8d9e0f': 'Fonds vert – État',
  'compte:0b7e5c1a-3f2d-4e6b-9a8c-7d6e5f4a3b2c': 'Camille Durand (Commune d’Ahun)',
  'compte_email:camille.durand@exemple.test': 'Camille Durand (Commune d’Ahun)',
  'organisation:5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170': 'Banque des Territoires',
};
const label: AuditLabelOf = (kind, id) => LABELS[`${kind}:${id}`];
const CONVENTION = '2f0c1b8e-7a61-4a61-9a57-1d4f2c3b4a5d';
const DISPOSITIF = '7d3c5a9b-1234-4c2a-8f00-5b6a7c8d9e0f';
const COMPTE = '0b7e5c1a-3f2d-4e6b-9a8c-7d6e5f4a3b2c';

describe('the audited records’ descriptions', () => {
  it('name every field of every entity type in French, or hide it', () => {
    for (const type of AUDIT_ENTITY_TYPES) {
      const champs = AUDIT_ENTITIES[type].champs as Record<string, unknown>;
      for (const [champ, entry] of Object.entries(champs)) {
        if (entry === MASQUE) continue;
        const { libelle } = entry as { libelle: string };
        // A label is words, not the record's key: « Date de signature », not « dateSignature ».
        expect({ type, champ, words: /^[A-ZÀ-Ý]/.test(libelle) && !/[a-z][A-Z]|_/.test(libelle) && libelle !== champ }).toEqual({ type, champ, words: true });
      }
      const shown = Object.values(champs).filter((e): e is { libelle: string } => e !== MASQUE).map((e) => e.libelle);
      expect({ type, duplicates: shown.filter((l, i) => shown.indexOf(l) !== i) }).toEqual({ type, duplicates: [] });
    }
  });

  it('say what every entry is about, even without its record', () => {
    for (const type of AUDIT_ENTITY_TYPES) {
      const objet = auditObjet({ entityType: type, entityId: COMPTE, before: null, after: null }, () => undefined);
      expect(objet).not.toContain(COMPTE);
      expect(objet.length).toBeGreaterThan(3);
    }
  });

  it('find the fields a record’s description does not name', () => {
    expect(unnamedAuditFields('ligne_financement', { projet: 'Halles', montant: 1, nouveauChamp: 2 })).toEqual(['nouveauChamp']);
    expect(unnamedAuditFields('demarche_participation', { 'Nombre de conseillers': 2 })).toEqual([]);
    expect(unnamedAuditFields('entite_inconnue', { a: 1 })).toEqual(['a']);
    expect(unnamedAuditFields('pvd_contact', { nom: 'A', version: 2 })).toEqual([]);
  });
});

describe('values in words', () => {
  it('writes dates, amounts, yes/no and sizes as people read them', () => {
    expect(formatLongDate('2024-03-12')).toBe('12 mars 2024');
    expect(formatLongDate('2024-08-01')).toBe('1er août 2024');
    expect(formatLongDate('pas une date')).toBe('pas une date');
    expect(formatFileSize(2048)).toBe('2 Ko');
    expect(formatAnyValue(true)).toBe('Oui');
    expect(formatAnyValue('2023-12-31')).toBe('31 décembre 2023');
    expect(plain(formatAnyValue(12500.5))).toBe('12 500,5');
  });

  it('shows a financing line’s change in words: its beneficiary by name, its amount in euros, its dates and status', () => {
    const before = { beneficiaireType: 'commune', beneficiaireCode: '23001', beneficiaire: 'Ahun', dispositifId: DISPOSITIF, dispositif: 'Fonds vert', projet: 'Halles', montant: 3_257_535, statut: 'demande', dateEngagement: null, version: 1 };
    const after = { ...before, beneficiaireCode: '23096', beneficiaire: 'Guéret', montant: 4_000_000, statut: 'engage', dateEngagement: '2024-03-12', version: 2 };
    const changes = auditChanges({ entityType: 'ligne_financement', entityId: 'x', before, after }, label);
    expect(changes.map((c) => ({ ...c, avant: plain(c.avant), apres: plain(c.apres) }))).toEqual([
      { champ: 'beneficiaireCode', libelle: 'Bénéficiaire', avant: 'Ahun (23)', apres: 'Guéret (23)' },
      { champ: 'montant', libelle: 'Montant', avant: '32 575,35 €', apres: '40 000,00 €' },
      { champ: 'statut', libelle: 'Statut', avant: 'Demandé', apres: 'Engagé' },
      { champ: 'dateEngagement', libelle: 'Date : engagé', avant: '(vide)', apres: '12 mars 2024' },
    ]);
    expect(auditRefsOf({ entityType: 'ligne_financement', entityId: 'x', before, after })).toEqual(
      expect.arrayContaining([
        { kind: 'commune', id: '23001' },
        { kind: 'commune', id: '23096' },
        { kind: 'dispositif', id: DISPOSITIF },
      ]),
    );
  });

  it('falls back on the name kept at the time, then on a sentence, never on a bare id', () => {
    const gone = '11111111-2222-4333-8444-555555555555';
    const [change] = auditChanges({ entityType: 'ligne_financement', entityId: 'x', before: null, after: { dispositifId: gone, dispositif: 'DETR' } }, label);
    expect(change).toEqual({ champ: 'dispositifId', libelle: 'Dispositif', avant: '(vide)', apres: 'DETR' });
    expect(refLabel('convention', gone, label)).toBe('Convention (introuvable)');
    expect(refLabel('commune', '99999', label)).toBe('Commune 99999');
  });

  it('shows an ORT’s convention-cadre and communes by their labels, and a convention’s yes/no', () => {
    const changes = auditChanges(
      { entityType: 'ort', entityId: 'o', before: { libelle: 'ORT', conventionCadreId: null, communes: ['23001'], epciSiren: null }, after: { libelle: 'ORT', conventionCadreId: CONVENTION, communes: ['23001', '23096'], epciSiren: '200067106' } },
      label,
    );
    expect(changes).toEqual([
      { champ: 'epciSiren', libelle: 'EPCI signataire', avant: '(vide)', apres: 'CC Creuse Sud-Ouest' },
      { champ: 'communes', libelle: 'Communes couvertes', avant: 'Ahun (23)', apres: 'Ahun (23), Guéret (23)' },
      { champ: 'conventionCadreId', libelle: 'Convention-cadre valant ORT', avant: '(vide)', apres: 'Convention-cadre – Ahun' },
    ]);
    expect(auditChanges({ entityType: 'convention', entityId: CONVENTION, before: { type: 'cadre', vautOrt: false }, after: { type: 'cadre', vautOrt: true } }, label)).toEqual([
      { champ: 'vautOrt', libelle: 'Vaut ORT', avant: 'Non', apres: 'Oui' },
    ]);
  });

  it('hides technical fields and names an entry’s object', () => {
    expect(auditChanges({ entityType: 'pvd_contact', entityId: 'c', before: { fonction: 'elu_referent', qualite: 'Maire', version: 1 }, after: { fonction: 'elu_referent', qualite: 'Adjoint', version: 2 } }, label)).toEqual([
      { champ: 'qualite', libelle: 'Qualité', avant: 'Maire', apres: 'Adjoint' },
    ]);
    expect(auditObjet({ entityType: 'pvd_contact', entityId: 'c', before: null, after: { fonction: 'elu_referent' } }, label)).toBe('Contact : Élu référent');
    expect(auditObjet({ entityType: 'convention', entityId: CONVENTION, before: null, after: { type: 'avenant', numero: 2 } }, label)).toBe('Avenant n° 2 à la convention-cadre');
    expect(auditObjet({ entityType: 'convention', entityId: CONVENTION, before: { vautOrt: false }, after: { vautOrt: true } }, label)).toBe('Convention-cadre – Ahun');
  });

  it('names accounts and organisations, whether by id or by the e-mail typed at sign-in', () => {
    expect(auditObjet({ entityType: 'user', entityId: COMPTE, before: null, after: null }, label)).toBe('Compte Camille Durand (Commune d’Ahun)');
    expect(auditObjet({ entityType: 'user', entityId: 'Camille.Durand@exemple.test', before: null, after: null }, label)).toBe('Compte Camille Durand (Commune d’Ahun)');
    expect(auditObjet({ entityType: 'user', entityId: 'inconnu@exemple.test', before: null, after: null }, label)).toBe('Compte inconnu@exemple.test');
    expect(auditRefsOf({ entityType: 'user', entityId: COMPTE, before: null, after: null })).toEqual([{ kind: 'compte', id: COMPTE }]);
    expect(auditChanges({ entityType: 'user', entityId: COMPTE, before: { role: 'chef_de_projet' }, after: { role: 'elu_lecteur' } }, label)).toEqual([
      { champ: 'role', libelle: 'Rôle', avant: 'Chef de projet PVD', apres: 'Élu ou lecteur' },
    ]);
  });

  it('reads a thematic scheme’s attributes under their own labels', () => {
    expect(auditChanges({ entityType: 'demarche_participation', entityId: 'p', before: { demarche: 'France services', 'Ouverte le samedi': false }, after: { demarche: 'France services', 'Ouverte le samedi': true } }, label)).toEqual([
      { champ: 'Ouverte le samedi', libelle: 'Ouverte le samedi', avant: 'Non', apres: 'Oui' },
    ]);
  });

  it('names every action', () => {
    expect(auditActionLabel('auth.login')).toBe('Connexion');
    expect(auditActionLabel('ligne_financement.supprimee')).toBe('Suppression');
    expect(auditActionLabel('poste.cree')).toBe('Création');
    expect(auditActionLabel('convention.signer')).toBe('Signature');
    expect(auditActionLabel('quelque.chose')).toBe('Autre action');
  });
});

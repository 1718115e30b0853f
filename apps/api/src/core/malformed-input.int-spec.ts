import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { CSRF, createConvention, createPvd, TEST_PDF, useTestApp } from '../test/test-app';
import { MAX_JSON_DEPTH } from './errors/input-guard';

/**
 * The 500s a hostile tester found (issue 12, part 5), each as the request that caused it: every
 * one is now a 400 naming the field (or the body, for nesting), and leaves nothing written.
 */
interface Records {
  pvd: string;
  convention: string;
  poste: string;
  demarche: string;
  demandeVersion: number;
}

type Case = {
  name: string;
  as: 'anonymous' | 'chef_de_projet' | 'prefecture_instructeur' | 'anct_directeur';
  send(agent: TestAgent, r: Records): Promise<Response> | Response | PromiseLike<Response>;
  /** The field the 400 names, or `null` for a refusal of the whole body. */
  field: string | null;
  code?: string;
};

const deepJson = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
const deepArray = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const json = (agent: TestAgent, method: 'post' | 'put' | 'patch', url: string, text: string) => agent[method](url).set(CSRF).set('Content-Type', 'application/json').send(text);
const TOKEN_PASSWORD = { token: 'x'.repeat(43), password: 'une phrase de passe solide' };
const POSTE = {
  intitule: 'Chef de projet',
  employeurType: 'commune',
  employeurCode: '23001',
  titulaires: [{ nom: 'Titulaire', debut: '2024-01-01', quotite: 100 }],
  coutsAnnuels: [{ annee: 2025, cout: 6_000_000 }],
  cofinanceurs: [{ financeur: 'etat' }],
  operationHabitat: null,
};
const OPERATION = {
  type: 'opah_rr',
  libelle: 'OPAH de test',
  maitreOuvrageType: 'commune',
  maitreOuvrageCode: '23001',
  phase: 'etude_pre_operationnelle',
  communes: ['23001'],
  objectifs: [{ annee: 2026, objectif: 10 }],
};

const CASES: Case[] = [
  // JSON nested 3,000 deep, anonymous and signed in.
  { name: 'login, JSON nested 3,000 deep', as: 'anonymous', send: (a) => json(a, 'post', '/api/auth/login', deepJson(3000)), field: null, code: 'MALFORMED_BODY' },
  { name: 'login, arrays nested 3,000 deep', as: 'anonymous', send: (a) => json(a, 'post', '/api/auth/login', deepArray(3000)), field: null, code: 'MALFORMED_BODY' },
  { name: 'invitation acceptance, nested 3,000 deep', as: 'anonymous', send: (a) => json(a, 'post', '/api/auth/invitation/acceptation', deepJson(3000)), field: null, code: 'MALFORMED_BODY' },
  { name: 'password reset, nested 3,000 deep', as: 'anonymous', send: (a) => json(a, 'post', '/api/auth/reinitialisation/confirmation', deepJson(3000)), field: null, code: 'MALFORMED_BODY' },
  { name: 'reset request, nested 3,000 deep', as: 'anonymous', send: (a) => json(a, 'post', '/api/auth/reinitialisation/demande', deepJson(3000)), field: null, code: 'MALFORMED_BODY' },
  {
    name: `contact, a value nested ${MAX_JSON_DEPTH + 1} deep`,
    as: 'chef_de_projet',
    send: (a, r) => json(a, 'put', `/api/pvd/${r.pvd}/contacts/elu_referent`, `{"version":0,"nom":${deepJson(MAX_JSON_DEPTH)}}`),
    field: null,
    code: 'MALFORMED_BODY',
  },
  // NUL and other control characters in text.
  { name: 'contact nom with NUL', as: 'chef_de_projet', send: (a, r) => a.put(`/api/pvd/${r.pvd}/contacts/elu_referent`).set(CSRF).send({ version: 0, nom: 'a\u0000b' }), field: 'nom' },
  { name: 'contact nom with BEL', as: 'chef_de_projet', send: (a, r) => a.put(`/api/pvd/${r.pvd}/contacts/elu_referent`).set(CSRF).send({ version: 0, nom: 'a\u0007b' }), field: 'nom' },
  {
    name: 'document title with NUL (multipart)',
    as: 'chef_de_projet',
    send: (a, r) => a.post(`/api/conventions/${r.convention}/documents`).set(CSRF).field('titre', 'Pièce\u0000').attach('fichier', TEST_PDF, 'piece.pdf'),
    field: 'titre',
  },
  {
    name: 'nested text with NUL (titulaires.0.nom)',
    as: 'chef_de_projet',
    send: (a, r) => a.post(`/api/pvd/${r.pvd}/postes`).set(CSRF).send({ ...POSTE, titulaires: [{ ...POSTE.titulaires[0], nom: 'Tit\u0000ulaire' }] }),
    field: 'titulaires.0.nom',
  },
  { name: 'q= with NUL (communes)', as: 'chef_de_projet', send: (a) => a.get('/api/communes?q=a%00b'), field: 'q' },
  { name: 'q= with NUL (missions)', as: 'chef_de_projet', send: (a) => a.get('/api/missions?q=%00'), field: 'q' },
  { name: 'q= with NUL (comptes)', as: 'anct_directeur', send: (a) => a.get('/api/comptes?q=x%00'), field: 'q' },
  { name: 'q= with a line feed (financement lines)', as: 'chef_de_projet', send: (a) => a.get('/api/financements/lignes?q=a%0Ab'), field: 'q' },
  // Lone UTF-16 surrogates.
  { name: 'login email with a lone surrogate', as: 'anonymous', send: (a) => a.post('/api/auth/login').set(CSRF).send({ email: '\ud800@test.invalid', password: 'x' }), field: 'email' },
  { name: 'login password with a lone surrogate', as: 'anonymous', send: (a) => a.post('/api/auth/login').set(CSRF).send({ email: 'a@test.invalid', password: 'x\udfff' }), field: 'password' },
  { name: 'reset request with a lone surrogate', as: 'anonymous', send: (a) => a.post('/api/auth/reinitialisation/demande').set(CSRF).send({ email: 'x\ud800y@test.invalid' }), field: 'email' },
  { name: 'reset confirmation with a lone surrogate', as: 'anonymous', send: (a) => a.post('/api/auth/reinitialisation/confirmation').set(CSRF).send({ ...TOKEN_PASSWORD, password: 'une phrase\ud800 de passe' }), field: 'password' },
  // Arrays of arrays.
  { name: 'ORT communes as an array of arrays', as: 'chef_de_projet', send: (a) => a.post('/api/orts').set(CSRF).send({ libelle: 'ORT de test', statut: 'en_preparation', communes: [['23001']] }), field: 'communes' },
  { name: 'poste titulaires as an array of arrays', as: 'chef_de_projet', send: (a, r) => a.post(`/api/pvd/${r.pvd}/postes`).set(CSRF).send({ ...POSTE, titulaires: [[]] }), field: 'titulaires' },
  { name: 'poste titulaires nested three deep', as: 'chef_de_projet', send: (a, r) => a.post(`/api/pvd/${r.pvd}/postes`).set(CSRF).send({ ...POSTE, titulaires: [[[]]] }), field: 'titulaires' },
  // Amounts and counts out of any column's range.
  {
    name: 'montantDemande of 2^63',
    as: 'chef_de_projet',
    send: (a, r) => a.put(`/api/postes/${r.poste}/demandes/2026`).set(CSRF).send({ version: r.demandeVersion, montantDemande: 2 ** 63, dateDemande: '2026-01-15' }),
    field: 'montantDemande',
  },
  {
    name: 'montantDemande of 1e20',
    as: 'chef_de_projet',
    send: (a, r) => a.put(`/api/postes/${r.poste}/demandes/2026`).set(CSRF).send({ version: r.demandeVersion, montantDemande: 1e20, dateDemande: '2026-01-15' }),
    field: 'montantDemande',
  },
  { name: 'yearly cost of 2^63', as: 'chef_de_projet', send: (a, r) => a.post(`/api/pvd/${r.pvd}/postes`).set(CSRF).send({ ...POSTE, coutsAnnuels: [{ annee: 2025, cout: 2 ** 63 }] }), field: 'coutsAnnuels.0.cout' },
  { name: 'a version of 2^63', as: 'chef_de_projet', send: (a, r) => a.put(`/api/postes/${r.poste}/demandes/2026`).set(CSRF).send({ version: 2 ** 63, montantDemande: 1, dateDemande: '2026-01-15' }), field: 'version' },
  { name: 'habitat objective of 2^63', as: 'chef_de_projet', send: (a) => a.post('/api/operations-habitat').set(CSRF).send({ ...OPERATION, objectifs: [{ annee: 2026, objectif: 2 ** 63 }] }), field: 'objectifs.0.objectif' },
  { name: 'habitat objective of 1e308', as: 'chef_de_projet', send: (a) => a.post('/api/operations-habitat').set(CSRF).send({ ...OPERATION, objectifs: [{ annee: 2026, objectif: 1e308 }] }), field: 'objectifs.0.objectif' },
  { name: 'habitat engagement of 1e20', as: 'chef_de_projet', send: (a) => a.post('/api/operations-habitat').set(CSRF).send({ ...OPERATION, engagementAnah: 1e20 }), field: 'engagementAnah' },
  // Required nested object, and nulls on a PATCH.
  {
    name: 'invitation without organisation',
    as: 'prefecture_instructeur',
    send: (a) => a.post('/api/comptes/invitations').set(CSRF).send({ email: 'sans.organisation@test.invalid', displayName: 'Sans organisation', role: 'elu_lecteur' }),
    field: 'organisation',
  },
  {
    name: 'invitation with organisation as an array of arrays',
    as: 'prefecture_instructeur',
    send: (a) => a.post('/api/comptes/invitations').set(CSRF).send({ email: 'tableau@test.invalid', displayName: 'Tableau', organisation: [[]], role: 'elu_lecteur' }),
    field: 'organisation',
  },
  { name: 'démarche PATCH with nom: null', as: 'anct_directeur', send: (a, r) => a.patch(`/api/demarches/${r.demarche}`).set(CSRF).send({ version: 1, nom: null }), field: 'nom' },
  { name: 'démarche PATCH with attributs: null', as: 'anct_directeur', send: (a, r) => a.patch(`/api/demarches/${r.demarche}`).set(CSRF).send({ version: 1, attributs: null }), field: 'attributs' },
];

describe('malformed input: 400 naming the field, never a 500', () => {
  const t = useTestApp();
  let records: Records;
  const agents: Partial<Record<Case['as'], TestAgent>> = {};

  beforeAll(async () => {
    const ds = t.dataSource;
    const pvd = await createPvd(ds, ['23001']);
    const convention = await createConvention(ds, pvd.id, { etat: 'brouillon' });
    const [poste] = await ds.query(`INSERT INTO poste (pvd_id, intitule, employeur_type, employeur_code) VALUES ($1, 'Poste', 'commune', '23001') RETURNING id`, [pvd.id]);
    const [demande] = await ds.query(`INSERT INTO demande_cofinancement (poste_id, annee, montant_demande, date_demande) VALUES ($1, 2026, 100, '2026-01-15') RETURNING version`, [poste.id]);
    const [demarche] = await ds.query(`INSERT INTO demarche (code, nom, attributs) VALUES ('malforme', 'Dispositif de test', '[]') RETURNING id`);
    records = { pvd: pvd.id, convention: convention.id, poste: poste.id, demarche: demarche.id, demandeVersion: demande.version };
    agents.anonymous = t.http();
    for (const role of ['chef_de_projet', 'prefecture_instructeur', 'anct_directeur'] as const) agents[role] = (await t.signIn(role)).agent;
  });

  it.each(CASES.map((c) => [c.name, c]))('%s', async (_name, c: Case) => {
    const [{ before }] = await t.dataSource.query(`SELECT count(*)::int AS before FROM audit_log WHERE action NOT LIKE 'auth.%'`);
    const res = await c.send(agents[c.as] as TestAgent, records);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(c.code ?? 'VALIDATION_FAILED');
    if (c.field) expect(Object.keys(res.body.fields ?? {})).toContain(c.field);
    const [{ after }] = await t.dataSource.query(`SELECT count(*)::int AS after FROM audit_log WHERE action NOT LIKE 'auth.%'`);
    expect(after).toBe(before);
  });

  it('still accepts tab, line feed and carriage return in body text, and pairs of surrogates', async () => {
    const res = await (agents.chef_de_projet as TestAgent)
      .put(`/api/pvd/${records.pvd}/contacts/elu_referent`)
      .set(CSRF)
      .send({ version: 0, nom: 'Camille\tMartin 😀', qualite: 'Maire\r\nadjointe' });
    expect(res.status).toBe(200);
    expect(res.body.nom).toBe('Camille\tMartin 😀');
  });
});

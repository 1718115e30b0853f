import { programmeToday } from '@suivi-pvd/domain';
import type TestAgent from 'supertest/lib/agent';
import { waitForJob } from '../test/jobs';
import { CSRF, TEST_PDF, useTestApp, type TestApp } from '../test/test-app';
import { jourEnLettres, nomFichierRapport } from './rapports.service';

interface RapportBody {
  id: string;
  statut: string;
  progression: number;
  erreur: string | null;
  jobId: string | null;
  libelle: string;
  date: string;
  publie: boolean;
  nomFichier: string;
}

/** Asks for a report, expects 202, waits for its job and returns the report as the API then gives it. */
async function generate(t: TestApp, agent: TestAgent, body: object): Promise<{ accepted: RapportBody; done: RapportBody }> {
  const res = await agent.post('/api/rapports').set(CSRF).send(body).expect(202);
  const accepted = res.body as RapportBody;
  expect(accepted.jobId).toBeTruthy();
  await waitForJob(t.app, accepted.jobId as string, { timeoutMs: 30_000 });
  const done = (await agent.get(`/api/rapports/${accepted.id}`).expect(200)).body as RapportBody;
  return { accepted, done };
}

const insertReady = async (t: TestApp, zone: { type: string; code: string | null }, publie = false): Promise<string> => {
  const [row] = await t.dataSource.query(
    `INSERT INTO rapport (portee_type, portee_code, portee_libelle, date_donnees, statut, progression, contenu, taille, demande_par_libelle, genere_le, publie)
     VALUES ($1, $2, 'Zone', '2024-01-01', 'pret', 100, $3, $4, 'test@test.invalid', now(), $5) RETURNING id`,
    [zone.type, zone.code, TEST_PDF, TEST_PDF.length, publie],
  );
  return row.id;
};

describe('Point d’avancement as PDF: a job whose failures are recorded on the report', () => {
  const t = useTestApp({ CHROMIUM_PATH: '/nonexistent/chromium' });

  it('answers 202 with the report waiting, then records a missing Chromium as a failure with a French message (never a 500)', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const { accepted, done } = await generate(t, agent, { portee: 'nation', date: '2024-01-01' });
    expect(accepted).toMatchObject({ statut: 'en_attente', progression: 0, libelle: 'France entière', date: '2024-01-01', publie: false, nomFichier: 'point-avancement-france-2024-01-01.pdf' });
    expect(done.statut).toBe('echec');
    expect(done.erreur).toContain('Chromium est introuvable (/nonexistent/chromium)');
    expect(done.erreur).toContain('CHROMIUM_PATH');
    // No PDF to download or publish.
    const pdf = await agent.get(`/api/rapports/${accepted.id}/pdf`).expect(409);
    expect(pdf.body.code).toBe('RAPPORT_NOT_READY');
    expect((await agent.post(`/api/rapports/${accepted.id}/publication`).set(CSRF).expect(409)).body.code).toBe('RAPPORT_NOT_READY');
    // The renderer's session is gone.
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM user_session WHERE auth_method = 'rendu_pdf'`);
    expect(n).toBe(0);
    const audit = await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_type = 'rapport' AND entity_id = $1`, [accepted.id]);
    expect(audit).toEqual([{ action: 'rapport.demande' }]);
  });

  it('defaults the day to today and names a département report after its zone', async () => {
    const { agent } = await t.signIn('anct_directeur');
    const res = await agent.post('/api/rapports').set(CSRF).send({ portee: 'departement', code: '23' }).expect(202);
    expect(res.body).toMatchObject({ libelle: expect.stringContaining('Creuse'), date: programmeToday(), nomFichier: `point-avancement-departement-23-${programmeToday()}.pdf` });
  });

  it('refuses a préfecture asking for the national report (403), and bad input with the field named (400), an unknown zone (404)', async () => {
    const prefecture = await t.signIn('prefecture_instructeur');
    const refused = await prefecture.agent.post('/api/rapports').set(CSRF).send({ portee: 'nation' }).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    const { agent } = await t.signIn('anct_directeur');
    expect((await agent.post('/api/rapports').set(CSRF).send({ portee: 'epci', code: '200067189' }).expect(400)).body.fields).toHaveProperty('portee');
    expect((await agent.post('/api/rapports').set(CSRF).send({ portee: 'departement' }).expect(400)).body.fields).toHaveProperty('code');
    expect((await agent.post('/api/rapports').set(CSRF).send({ portee: 'nation', date: '2999-01-01' }).expect(400)).body.fields).toHaveProperty('date');
    expect((await agent.post('/api/rapports').set(CSRF).send({ portee: 'nation', date: '2024-02-30' }).expect(400)).body.fields).toHaveProperty('date');
    expect((await agent.post('/api/rapports').set(CSRF).send({ portee: 'departement', code: '99' }).expect(404)).body.code).toBe('TERRITORY_NOT_FOUND');
    expect((await agent.get('/api/rapports/pas-un-uuid').expect(400)).body.fields).toHaveProperty('id');
  });

  it('publishes a ready report (audited, once): then the préfecture of its zone lists and downloads it, another département’s does not', async () => {
    const id = await insertReady(t, { type: 'departement', code: '23' });
    const creuse = await t.signIn('prefecture_instructeur');
    const hautRhin = await t.signIn('prefecture_instructeur', { type: 'prefecture', departementCode: '68' });
    // Not published yet: hidden from the préfecture.
    expect((await creuse.agent.get('/api/rapports').expect(200)).body.items.map((i: RapportBody) => i.id)).not.toContain(id);
    await creuse.agent.get(`/api/rapports/${id}`).expect(404);

    const anct = await t.signIn('anct_directeur');
    expect((await anct.agent.get('/api/rapports').expect(200)).body.items.map((i: RapportBody) => i.id)).toContain(id);
    const published = await anct.agent.post(`/api/rapports/${id}/publication`).set(CSRF).expect(200);
    expect(published.body).toMatchObject({ id, publie: true, publieLe: expect.any(String) });
    expect((await anct.agent.post(`/api/rapports/${id}/publication`).set(CSRF).expect(409)).body.code).toBe('RAPPORT_ALREADY_PUBLISHED');
    const audit = await t.dataSource.query(`SELECT action, actor_label FROM audit_log WHERE entity_type = 'rapport' AND entity_id = $1`, [id]);
    expect(audit).toEqual([{ action: 'rapport.publie', actor_label: anct.user.email }]);

    expect((await creuse.agent.get('/api/rapports').expect(200)).body.items.map((i: RapportBody) => i.id)).toContain(id);
    const pdf = await creuse.agent.get(`/api/rapports/${id}/pdf`).buffer(true).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="point-avancement-departement-23-2024-01-01.pdf"');
    expect(Buffer.compare(pdf.body as Buffer, TEST_PDF)).toBe(0);
    await hautRhin.agent.get(`/api/rapports/${id}/pdf`).expect(404);
    expect((await hautRhin.agent.get('/api/rapports').expect(200)).body.items.map((i: RapportBody) => i.id)).not.toContain(id);
  });
});

describe('Point d’avancement as PDF: without the built web app', () => {
  const t = useTestApp();

  it('records the missing web app as a failure with a French message', async () => {
    // Listening, as in production: the job finds the API's own address.
    await t.app.listen(0, '127.0.0.1');
    const { agent } = await t.signIn('anct_directeur');
    const { done } = await generate(t, agent, { portee: 'region', code: '75', date: '2024-01-01' });
    expect(done.statut).toBe('echec');
    expect(done.erreur).toMatch(/^L’application web n’est pas servie par la plateforme \(http:\/\/127\.0\.0\.1:\d+\/tableau-de-bord\/rapport : 404\) : construisez-la/);
  });
});

describe('report names', () => {
  it('writes the day as the published report does, and clean file names', () => {
    expect(jourEnLettres('2024-01-01')).toBe('1er janvier 2024');
    expect(jourEnLettres('2023-12-31')).toBe('31 décembre 2023');
    expect(nomFichierRapport({ porteeType: 'departement', porteeCode: '2A', dateDonnees: '2024-01-01' })).toBe('point-avancement-departement-2a-2024-01-01.pdf');
    expect(nomFichierRapport({ porteeType: 'region', porteeCode: '75', dateDonnees: '2024-06-30' })).toBe('point-avancement-region-75-2024-06-30.pdf');
  });
});

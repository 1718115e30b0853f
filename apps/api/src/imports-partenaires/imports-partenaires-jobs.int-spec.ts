import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { hashPassword } from '../core/auth/session.service';
import { ensureOrganisation } from '../organisations/ensure-organisation';
import { createSharedTestDatabase, startAppOn, waitForJob } from '../test/jobs';
import { CSRF, TEST_PASSWORD } from '../test/test-app';
import { IMPORT_PARTENAIRE_JOB } from './imports-partenaires.service';

const HEADER = 'reference;dispositif;beneficiaire;projet;montant;statut;date_demande';
const lines = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i};bdt_pret_renouvellement;23001;Projet ${i};${1000 + i};demandé;01/01/2024`);
const csv = (rows: string[]) => Buffer.from([HEADER, ...rows].join('\n'));

/** Partner imports run as jobs: they survive a stop or a dead process, and run wherever a worker runs. */
describe('partner imports on the job queue', () => {
  let database: { url: string; drop(): Promise<void> };
  const apps: NestExpressApplication[] = [];
  const start = async (env: NodeJS.ProcessEnv = {}) => {
    const app = await startAppOn(database.url, env);
    apps.push(app);
    return app;
  };
  const stop = async (app: NestExpressApplication) => {
    apps.splice(apps.indexOf(app), 1);
    await app.close();
  };

  beforeAll(async () => {
    database = await createSharedTestDatabase();
  });
  afterAll(async () => {
    for (const app of [...apps]) await app.close();
    await database?.drop();
  });

  /** A partner of the Banque des Territoires, signed in on `app` (sessions live in the database: any app on it accepts them). */
  async function partnerOn(app: NestExpressApplication): Promise<{ agent: TestAgent; email: string }> {
    const ds = app.get(DataSource);
    const email = `partenaire.${randomUUID().slice(0, 8)}@test.invalid`;
    const [user] = await ds.query('INSERT INTO app_user (email, display_name, password_hash) VALUES ($1, $2, $3) RETURNING id', [email, 'Test partenaire', await hashPassword(TEST_PASSWORD)]);
    const org = await ensureOrganisation(ds, { type: 'partenaire', nom: `Banque des Territoires (tâches ${randomUUID().slice(0, 6)})` });
    await ds.query('INSERT INTO membership (user_id, organisation_id, role) VALUES ($1, $2, $3)', [user.id, org.id, 'partenaire']);
    await ds.query(`UPDATE financeur SET organisation_id = $1 WHERE code = 'banque_des_territoires'`, [org.id]);
    return { agent: await signInOn(app, email), email };
  }

  async function signInOn(app: NestExpressApplication, email: string): Promise<TestAgent> {
    const agent = request.agent(app.getHttpServer());
    await agent.post('/api/auth/login').set(CSRF).send({ email, password: TEST_PASSWORD }).expect(200);
    return agent;
  }

  const post = async (agent: TestAgent, file: Buffer) => (await agent.post('/api/imports-partenaires').set(CSRF).field('type', 'financements').attach('fichier', file, 'lignes.csv').expect(202)).body;
  const jobOf = async (ds: DataSource, importId: string): Promise<string> => (await ds.query('SELECT id FROM pgboss.job WHERE name = $1 AND singleton_key = $2', [IMPORT_PARTENAIRE_JOB, importId]))[0].id;
  const stored = async (ds: DataSource, prefix: string) =>
    (await ds.query(`SELECT count(*)::int AS n, count(DISTINCT reference_externe)::int AS refs FROM ligne_financement WHERE reference_externe LIKE $1`, [`${prefix}-%`]))[0];

  it('an import stopped mid-file runs again after the restart: the right counts, no line twice', async () => {
    const first = await start();
    const { agent, email } = await partnerOn(first);
    const ds = first.get(DataSource);
    const created = await post(agent, csv(lines('INT', 20_000)));
    expect(created).toMatchObject({ statut: 'en_attente', totalLignes: 20_000 });
    const jobId = await jobOf(ds, created.id);
    // Stopped once the first 5,000 lines are written in the (uncommitted) transaction.
    await waitForJob(first, jobId, { states: ['active'], timeoutMs: 60_000, until: () => true });
    for (let i = 0; i < 600; i++) {
      const [row] = await ds.query('SELECT lignes_traitees FROM import_partenaire WHERE id = $1', [created.id]);
      if (row.lignes_traitees >= 5000) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await stop(first);

    const second = await start({ JOBS_WORKER: 'false' });
    const db = second.get(DataSource);
    // Nothing of the stopped run was committed; the import waits for its retry, its file kept.
    expect(await stored(db, 'INT')).toEqual({ n: 0, refs: 0 });
    expect(await db.query('SELECT statut, lignes_traitees FROM import_partenaire WHERE id = $1', [created.id])).toEqual([{ statut: 'en_attente', lignes_traitees: 0 }]);
    expect((await db.query('SELECT state::text AS state FROM pgboss.job WHERE id = $1', [jobId]))[0].state).toBe('retry');
    expect(await db.query('SELECT count(*)::int AS n FROM import_partenaire_fichier WHERE import_id = $1', [created.id])).toEqual([{ n: 1 }]);
    await stop(second);

    const third = await start();
    const job = await waitForJob(third, jobId, { timeoutMs: 90_000 });
    expect(job).toMatchObject({ state: 'completed', retryCount: 1, output: { importId: created.id, statut: 'termine', crees: 20_000 } });
    const report = (await (await signInOn(third, email)).get(`/api/imports-partenaires/${created.id}`).expect(200)).body;
    expect(report).toMatchObject({ statut: 'termine', totalLignes: 20_000, lignesTraitees: 20_000, crees: 20_000, misAJour: 0, inchanges: 0, rejetes: 0, erreur: null });
    const db3 = third.get(DataSource);
    expect(await stored(db3, 'INT')).toEqual({ n: 20_000, refs: 20_000 });
    expect(await db3.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'import_partenaire.termine' AND entity_id = $1`, [created.id])).toEqual([{ n: 1 }]);
    // Applied: the stored file is gone.
    expect(await db3.query('SELECT count(*)::int AS n FROM import_partenaire_fichier WHERE import_id = $1', [created.id])).toEqual([{ n: 0 }]);
    await stop(third);
  }, 180_000);

  it('an import left running by a dead process (kill -9: its lock gone) is put back in the queue and completes', async () => {
    const api = await start({ JOBS_WORKER: 'false' });
    const { agent } = await partnerOn(api);
    const ds = api.get(DataSource);
    const created = await post(agent, csv(lines('ORPH', 300)));
    const jobId = await jobOf(ds, created.id);
    // As pg-boss leaves it when the process running it is killed: active, started a while ago, nobody holding its lock.
    await ds.query(`UPDATE pgboss.job SET state = 'active', started_on = now() - interval '1 minute' WHERE id = $1`, [jobId]);
    await ds.query(`UPDATE import_partenaire SET statut = 'en_cours', lignes_traitees = 120 WHERE id = $1`, [created.id]);

    const worker = await start();
    const job = await waitForJob(api, jobId, { timeoutMs: 30_000 });
    expect(job).toMatchObject({ state: 'completed', output: { statut: 'termine', crees: 300 } });
    expect(await stored(ds, 'ORPH')).toEqual({ n: 300, refs: 300 });
    await stop(worker);
    await stop(api);
  }, 60_000);

  it('an API with JOBS_WORKER=false leaves the import waiting; a worker process runs it', async () => {
    const api = await start({ JOBS_WORKER: 'false' });
    const { agent } = await partnerOn(api);
    const created = await post(agent, csv(lines('WRK', 50)));
    const jobId = await jobOf(api.get(DataSource), created.id);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await agent.get(`/api/imports-partenaires/${created.id}`).expect(200)).body).toMatchObject({ statut: 'en_attente', crees: 0 });

    const worker = await start({ JOBS_WORKER: 'true' });
    expect((await waitForJob(api, jobId, { timeoutMs: 30_000 })).state).toBe('completed');
    expect((await agent.get(`/api/imports-partenaires/${created.id}`).expect(200)).body).toMatchObject({ statut: 'termine', totalLignes: 50, crees: 50 });
    // The same file again, still through the worker: every line unchanged.
    const again = await post(agent, csv(lines('WRK', 50)));
    await waitForJob(api, await jobOf(api.get(DataSource), again.id), { timeoutMs: 30_000 });
    expect((await agent.get(`/api/imports-partenaires/${again.id}`).expect(200)).body).toMatchObject({ statut: 'termine', crees: 0, inchanges: 50 });
    expect(await stored(api.get(DataSource), 'WRK')).toEqual({ n: 50, refs: 50 });
    await stop(worker);
    await stop(api);
  }, 60_000);

  it('carries the upload request’s id to its job, and times the import and the job in /metrics', async () => {
    const api = await start();
    const { agent } = await partnerOn(api);
    const created = (
      await agent.post('/api/imports-partenaires').set(CSRF).set('X-Request-Id', 'upload-h17-42').field('type', 'financements').attach('fichier', csv(lines('RID', 20)), 'lignes.csv').expect(202)
    ).body;
    const jobId = await jobOf(api.get(DataSource), created.id);
    const [job] = await api.get(DataSource).query('SELECT data FROM pgboss.job WHERE id = $1', [jobId]);
    expect(job.data).toEqual({ importId: created.id, _requestId: 'upload-h17-42' });
    expect((await waitForJob(api, jobId, { timeoutMs: 30_000 })).state).toBe('completed');
    expect((await agent.get(`/api/imports-partenaires/${created.id}`).expect(200)).body).toMatchObject({ statut: 'termine', crees: 20 });

    const metrics = (await request(api.getHttpServer()).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/^suivi_pvd_import_duration_seconds_count\{kind="partenaire",type="financements",outcome="completed"\} [1-9]\d*$/m);
    expect(metrics).toMatch(new RegExp(`^suivi_pvd_job_duration_seconds_count\\{job="${IMPORT_PARTENAIRE_JOB}",outcome="completed"\\} [1-9]\\d*$`, 'm'));
    await stop(api);
  }, 60_000);
});

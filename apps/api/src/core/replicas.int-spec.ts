import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ensureOrganisation } from '../organisations/ensure-organisation';
import { createSharedTestDatabase } from '../test/jobs';
import { startS3Emulator, type S3Emulator } from '../test/s3-emulator';
import { createConvention, createPvd, CSRF, defaultOrganisation, TEST_PASSWORD, TEST_PDF } from '../test/test-app';
import { hashPassword, SESSION_COOKIE } from './auth/session.service';
import { dataSourceOptions } from './database/data-source-options';
import { ENTITIES } from '../entities';
import { PURGE_SESSIONS_JOB } from './jobs/maintenance.jobs';

/** Where the API's sources are run from, through the TypeScript hook (test/run-ts.cjs). */
const MAIN = resolve(__dirname, '../main.ts');
const RUN_TS = resolve(__dirname, '../test/run-ts.cjs');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One API process, started as `node main.ts` is in production (migrations, jobs, HTTP), on a port of its own. */
interface Replica {
  name: string;
  url: string;
  /** Its stdout and stderr (JSON log lines), for the assertions and for the failure messages. */
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * Starts an API process: `loaded` once it has required its modules (its first log line: the
 * transpilation cache then holds every file), `ready` once its readiness probe answers.
 */
function startReplica(name: string, port: number, env: NodeJS.ProcessEnv): { loaded: Promise<void>; ready: Promise<Replica> } {
  const child: ChildProcess = spawn(process.execPath, ['-r', RUN_TS, MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DEMO_SEED: 'false',
      LOAD_REFERENTIEL: 'false',
      WEB_DIST_DIR: '/nonexistent',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  const output = () => chunks.join('');
  let exited: number | null | undefined;
  const loaded = new Promise<void>((resolve) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', () => resolve());
  });
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  child.once('exit', (code) => (exited = code));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited !== undefined) return;
    const done = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await done;
    clearTimeout(timer);
  };
  // Up when its readiness probe says the database, the queue and the document store answer.
  const ready = (async () => {
    const deadline = Date.now() + 110_000;
    for (;;) {
      if (exited !== undefined) throw new Error(`Replica ${name} exited with code ${exited}:\n${output()}`);
      // Its own start line too: the port was free when picked, but another test's server may
      // have taken it since and be the one answering the probe (this replica then fails to bind).
      const up = await fetch(`${url}/api/health/ready`).then((r) => r.ok, () => false);
      if (up && output().includes('Suivi PVD started')) return { name, url, output, stop };
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`Replica ${name} was not ready in time:\n${output()}`);
      }
      await sleep(250);
    }
  })();
  return { loaded, ready };
}

/** The session cookie a sign-in answered, as a Cookie header. */
function sessionCookie(response: request.Response): string {
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const cookie = cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(response.headers)}`);
  return cookie.split(';')[0];
}

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/**
 * Two API processes on one database and one object store, as behind a load balancer
 * (docker/compose.yaml): whatever one of them records, the other serves. The processes are real
 * (`main.ts` run from the sources): nothing is shared between them but PostgreSQL and the store.
 */
describe('two API replicas on one database', () => {
  let database: { url: string; drop(): Promise<void> };
  let db: DataSource;
  let s3: S3Emulator;
  let a: Replica;
  let b: Replica;
  const users: Record<'chef' | 'anct', { email: string }> = {
    chef: { email: `chef.${randomUUID().slice(0, 8)}@test.invalid` },
    anct: { email: `anct.${randomUUID().slice(0, 8)}@test.invalid` },
  };
  let conventionId: string;
  let importedPvd: string;

  const signIn = async (replica: Replica, who: keyof typeof users): Promise<string> =>
    sessionCookie(await request(replica.url).post('/api/auth/login').set(CSRF).send({ email: users[who].email, password: TEST_PASSWORD }).expect(200));

  beforeAll(async () => {
    database = await createSharedTestDatabase();
    db = await new DataSource(dataSourceOptions(database.url, ENTITIES, { extra: { max: 2 } })).initialize();
    s3 = await startS3Emulator();
    const bucket = await s3.createBucket();

    const passwordHash = await hashPassword(TEST_PASSWORD);
    for (const [role, user] of [['chef_de_projet', users.chef], ['anct_directeur', users.anct]] as const) {
      const [row] = await db.query('INSERT INTO app_user (email, display_name, password_hash) VALUES ($1, $2, $3) RETURNING id', [user.email, role, passwordHash]);
      const organisation = await ensureOrganisation(db, defaultOrganisation(role));
      await db.query('INSERT INTO membership (user_id, organisation_id, role) VALUES ($1, $2, $3)', [row.id, organisation.id, role]);
    }
    const pvd = await createPvd(db, ['23001']);
    conventionId = (await createConvention(db, pvd.id, { type: 'avenant' })).id;
    const [free] = await db.query(
      `SELECT insee FROM commune WHERE NOT EXISTS (SELECT 1 FROM pvd_commune pc WHERE pc.commune_insee = insee) AND insee ~ '^[0-8][0-9]{4}$' ORDER BY insee LIMIT 1`,
    );
    importedPvd = (await createPvd(db, [free.insee])).idPvd;

    // Both run jobs and look at the schedules every second (30 s by default).
    const env = { DATABASE_URL: database.url, ...s3.env(bucket), JOBS_SCHEDULE_CHECK_SECONDS: '1' };
    const first = startReplica('A', await freePort(), env);
    // The second once the first has its modules: the first fills the transpilation cache, the
    // second reads it, and they start (migrations, queue) together.
    await first.loaded;
    const second = startReplica('B', await freePort(), env);
    // A port taken between its pick and the bind (EADDRINUSE): the replica starts again on another.
    const orRetry = (name: string, ready: Promise<Replica>) =>
      ready.catch(async (error: Error) => (/EADDRINUSE/.test(error.message) ? startReplica(name, await freePort(), env).ready : Promise.reject(error)));
    const [readyA, readyB] = await Promise.allSettled([orRetry('A', first.ready), orRetry('B', second.ready)]);
    if (readyA.status === 'fulfilled') a = readyA.value;
    if (readyB.status === 'fulfilled') b = readyB.value;
    for (const r of [readyA, readyB]) if (r.status === 'rejected') throw r.reason;
  }, 240_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.destroy();
    await s3?.stop();
    await database?.drop();
  }, 60_000);

  it('serves on either replica a session opened on the other, and a sign-out on either ends it on both', async () => {
    const cookie = await signIn(a, 'chef');
    const me = (await request(b.url).get('/api/auth/me').set('Cookie', cookie).expect(200)).body;
    expect(me.email).toBe(users.chef.email);
    expect((await request(a.url).get('/api/auth/me').set('Cookie', cookie).expect(200)).body.id).toBe(me.id);

    await request(b.url).post('/api/auth/logout').set(CSRF).set('Cookie', cookie).expect(204);
    expect((await request(a.url).get('/api/auth/me').set('Cookie', cookie).expect(401)).body.code).toBe('UNAUTHENTICATED');
  });

  it('counts the failed sign-ins of both replicas together', async () => {
    const email = `inconnu.${randomUUID().slice(0, 8)}@test.invalid`;
    const attempt = (replica: Replica) => request(replica.url).post('/api/auth/login').set(CSRF).send({ email, password: 'mauvais-mot-de-passe' });
    // Five free failures for one account from one client (PASSWORD_DELAYS.pair): three here, two there.
    for (const replica of [a, b, a, b, a]) expect((await attempt(replica).expect(401)).body.code).toBe('INVALID_CREDENTIALS');
    const [bucket] = await db.query(`SELECT hits FROM rate_limit_bucket WHERE key LIKE $1`, [`password:pair:${email} %`]);
    expect(bucket.hits).toBe(5);
    // Then each attempt must wait 1 s, 2 s, 4 s… after the previous one. Four at once on both
    // replicas: at most one is let through (if a second has already passed), the others wait. A
    // counter per process would have let all four through (3 + 2 and 2 + 2 failures, 5 free).
    const burst = await Promise.all([attempt(a), attempt(b), attempt(a), attempt(b)]);
    const refused = burst.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(3);
    expect(burst.every((r) => r.status === 429 || r.status === 401)).toBe(true);
    for (const r of refused) {
      expect(r.body.code).toBe('TOO_MANY_REQUESTS');
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
  });

  it('follows on one replica a national import previewed and confirmed on the other, applied once', async () => {
    const anctA = await signIn(a, 'anct');
    const file = Buffer.from(`PVD;Type;Date de signature;Vaut ORT\n${importedPvd};cadre;30/06/2022;oui\n`);
    const preview = (await request(a.url).post('/api/imports-nationaux').set(CSRF).set('Cookie', anctA).field('type', 'conventions').attach('fichier', file, 'conventions.csv').expect(201)).body;
    expect(preview.statut).toBe('apercu');
    // The preview (and the uploaded file) are in the database: the other replica confirms it.
    expect((await request(b.url).get(`/api/imports-nationaux/${preview.id}`).set('Cookie', anctA).expect(200)).body).toMatchObject({ id: preview.id, statut: 'apercu' });
    const confirmed = (await request(b.url).post(`/api/imports-nationaux/${preview.id}/confirmation`).set(CSRF).set('Cookie', anctA).expect(202)).body;
    expect(confirmed.jobId).toEqual(expect.any(String));

    // Its progress and outcome, read on the first one, wherever the job ran.
    const deadline = Date.now() + 30_000;
    let seen = preview;
    while (!['termine', 'echoue'].includes(seen.statut) && Date.now() < deadline) {
      await sleep(200);
      seen = (await request(a.url).get(`/api/imports-nationaux/${preview.id}`).set('Cookie', anctA).expect(200)).body;
    }
    expect(seen).toMatchObject({ statut: 'termine', crees: 1, rejetes: 0, lignesTraitees: 1, totalLignes: 1, jobId: confirmed.jobId });
    const jobs = await db.query(`SELECT state::text, retry_count FROM pgboss.job WHERE data->>'importId' = $1`, [preview.id]);
    expect(jobs).toEqual([{ state: 'completed', retry_count: 0 }]);
    expect((await db.query(`SELECT count(*)::int AS n FROM convention c JOIN pvd p ON p.id = c.pvd_id WHERE p.id_pvd = $1`, [importedPvd]))[0].n).toBe(1);
  });

  it('downloads through one replica a document uploaded through the other (S3 store)', async () => {
    const chefA = await signIn(a, 'chef');
    const content = Buffer.concat([TEST_PDF, Buffer.from(`% ${randomUUID()}\n`)]);
    const uploaded = (await request(a.url).post(`/api/conventions/${conventionId}/documents`).set(CSRF).set('Cookie', chefA).attach('fichier', content, 'deliberation.pdf').expect(201)).body;
    const download = await request(b.url).get(uploaded.versions[0].url).set('Cookie', chefA).buffer(true).expect(200);
    expect(sha256(download.body as Buffer)).toBe(sha256(content));

    // A new version through the second, read back through the first.
    const v2 = Buffer.concat([content, Buffer.from('% v2\n')]);
    await request(b.url).post(`/api/documents/${uploaded.id}/versions`).set(CSRF).set('Cookie', chefA).attach('fichier', v2, 'deliberation-v2.pdf').expect(201);
    const again = await request(a.url).get(`/api/documents/${uploaded.id}/versions/2/contenu`).set('Cookie', chefA).buffer(true).expect(200);
    expect(sha256(again.body as Buffer)).toBe(sha256(v2));
  });

  it('runs a scheduled job once, although both replicas keep looking at the schedules', async () => {
    // An expired session for the purge to delete.
    const [user] = await db.query(`SELECT id FROM app_user WHERE email = $1`, [users.anct.email]);
    const expired = `expired-${randomUUID()}`;
    await db.query(`INSERT INTO user_session (id, user_id, expires_at, auth_method) VALUES ($1, $2, now() - interval '1 hour', 'mot_de_passe')`, [expired, user.id]);

    // The daily purge (03:17, Paris) moved to the current minute, with time left in it to watch
    // both replicas check the schedules several times (pg-boss sends a slot's job once).
    let [now] = await db.query(`SELECT extract(second FROM now())::float8 AS s`);
    if (now.s > 45) await sleep((61 - now.s) * 1000);
    [now] = await db.query(`SELECT extract(minute FROM now() AT TIME ZONE 'UTC')::int || ' ' || extract(hour FROM now() AT TIME ZONE 'UTC')::int AS slot, now() AS at`);
    await db.query(`UPDATE pgboss.schedule SET cron = $2, timezone = 'UTC' WHERE name = $1`, [PURGE_SESSIONS_JOB, `${now.slot} * * *`]);

    const runs = () => db.query(`SELECT id, state::text, output FROM pgboss.job WHERE name = $1 AND created_on >= $2`, [PURGE_SESSIONS_JOB, now.at]);
    const deadline = Date.now() + 20_000;
    while ((await runs()).every((r: { state: string }) => r.state !== 'completed') && Date.now() < deadline) await sleep(200);
    // A few more schedule checks by each replica.
    await sleep(4_000);
    const done = await runs();
    expect(done).toEqual([{ id: expect.any(String), state: 'completed', output: expect.objectContaining({ sessions: expect.any(Number) }) }]);
    expect(done[0].output.sessions).toBeGreaterThanOrEqual(1);
    expect(await db.query('SELECT id FROM user_session WHERE id = $1', [expired])).toEqual([]);
    // Run by one of them: its log has the run, the other's has none.
    const ranIn = [a, b].filter((r) => r.output().includes(done[0].id));
    expect(ranIn).toHaveLength(1);
  });
});

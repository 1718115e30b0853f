import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createSharedTestDatabase, startAppOn, waitForJob } from '../../test/jobs';
import { CSRF, useTestApp } from '../../test/test-app';
import { runWithLogContext } from '../logging/log-context';
import { forEachChunk, type JobContext } from './job-context';
import { JobsService } from './jobs.service';
import { PURGE_SESSIONS_JOB } from './maintenance.jobs';

describe('jobs (pg-boss)', () => {
  describe('in the API process', () => {
    const t = useTestApp();
    const jobs = () => t.app.get(JobsService);

    it('runs a job sent, stores its result, and schedules the daily purge', async () => {
      const [user] = await t.dataSource.query(`INSERT INTO app_user (email, display_name) VALUES ($1, 'Purge') RETURNING id`, [`purge.${randomUUID()}@test.invalid`]);
      await t.dataSource.query(
        `INSERT INTO user_session (id, user_id, expires_at) VALUES ($1, $3, now() - interval '1 hour'), ($2, $3, now() + interval '1 hour')`,
        [`expired-${randomUUID()}`, `live-${randomUUID()}`, user.id],
      );
      await t.dataSource.query(`INSERT INTO rate_limit_bucket (key, window_start, hits) VALUES ($1, now() - interval '2 days', 3), ($2, now(), 1)`, [
        `old:${randomUUID()}`,
        `new:${randomUUID()}`,
      ]);

      const id = await jobs().send(PURGE_SESSIONS_JOB, {});
      const job = await waitForJob(t.app, id);

      expect(job.state).toBe('completed');
      expect(job.output).toMatchObject({ sessions: 1, compteurs: 1 });
      const [sessions] = await t.dataSource.query('SELECT count(*)::int AS n FROM user_session WHERE user_id = $1', [user.id]);
      expect(sessions.n).toBe(1);
      const schedules = await t.dataSource.query(`SELECT cron, timezone FROM pgboss.schedule WHERE name = $1`, [PURGE_SESSIONS_JOB]);
      expect(schedules).toEqual([{ cron: '17 3 * * *', timezone: 'Europe/Paris' }]);
    });

    it('retries a failing handler with backoff, lists it failed with its error, and runs it again on « reprise »', async () => {
      const attempts: number[] = [];
      let fixed = false;
      jobs().register(
        'test.echec',
        async () => {
          attempts.push(Date.now());
          if (!fixed) throw new Error('Fichier illisible à la ligne 3');
          return { lignes: 3 };
        },
        { retryLimit: 1, retryDelaySeconds: 1, retryBackoff: true, label: 'Tâche de test en échec' },
      );
      await jobs().ready();

      const id = await jobs().send('test.echec', { fichier: 'a.csv' });
      const failed = await waitForJob(t.app, id, { timeoutMs: 20_000 });

      expect(failed).toMatchObject({ state: 'failed', retryCount: 1, retryLimit: 1, error: 'Fichier illisible à la ligne 3' });
      expect(attempts).toHaveLength(2);
      // Backoff: the retry waited at least the first delay (1 s, doubled with jitter).
      expect(attempts[1] - attempts[0]).toBeGreaterThanOrEqual(900);

      const admin = await t.signIn('administrateur');
      const list = await admin.agent.get('/api/jobs?state=failed&name=test.echec').expect(200);
      expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 50 });
      expect(list.body.items[0]).toMatchObject({ id, name: 'test.echec', label: 'Tâche de test en échec', state: 'failed', retryCount: 1, error: 'Fichier illisible à la ligne 3' });
      expect(list.body.names).toEqual(expect.arrayContaining([PURGE_SESSIONS_JOB, 'test.echec']));

      await admin.agent.post(`/api/jobs/${id}/reprise`).expect(403); // no CSRF header
      fixed = true;
      const retried = await admin.agent.post(`/api/jobs/${id}/reprise`).set(CSRF).expect(200);
      expect(['retry', 'active', 'completed']).toContain(retried.body.state);
      const done = await waitForJob(t.app, id);
      expect(done).toMatchObject({ state: 'completed', output: { lignes: 3 }, retryCount: 2 });
      expect(attempts).toHaveLength(3);

      const again = await admin.agent.post(`/api/jobs/${id}/reprise`).set(CSRF).expect(409);
      expect(again.body.code).toBe('JOB_NOT_RETRYABLE');
      const audit = await t.dataSource.query(`SELECT actor_id, before->>'state' AS before FROM audit_log WHERE action = 'job.relancee' AND entity_id = $1`, [id]);
      expect(audit).toEqual([{ actor_id: admin.user.id, before: 'failed' }]);
    });

    it('gives a job the id of the request that queued it, apart from its data', async () => {
      const seen: { requestId: string | null; data: unknown }[] = [];
      jobs().register('test.requete', async (ctx) => {
        seen.push({ requestId: ctx.requestId, data: ctx.data });
      });
      await jobs().ready();

      const queued = await runWithLogContext({ requestId: 'req-7f3a' }, () => jobs().send('test.requete', { fichier: 'b.csv' }));
      const alone = await jobs().send('test.requete', { fichier: 'c.csv' });
      await waitForJob(t.app, queued);
      await waitForJob(t.app, alone);

      expect(seen).toEqual(
        expect.arrayContaining([
          { requestId: 'req-7f3a', data: { fichier: 'b.csv' } },
          { requestId: null, data: { fichier: 'c.csv' } },
        ]),
      );
      const [stored] = await t.dataSource.query('SELECT data FROM pgboss.job WHERE id = $1', [queued]);
      expect(stored.data).toEqual({ fichier: 'b.csv', _requestId: 'req-7f3a' });
    });

    it('refuses a bad filter or an unknown job with a 4xx naming the field', async () => {
      const admin = await t.signIn('administrateur');
      const bad = await admin.agent.get('/api/jobs?state=perdu').expect(400);
      expect(bad.body.fields).toHaveProperty('state');
      const unknown = await admin.agent.post(`/api/jobs/${randomUUID()}/reprise`).set(CSRF).expect(404);
      expect(unknown.body.code).toBe('JOB_NOT_FOUND');
      const notUuid = await admin.agent.post('/api/jobs/abc/reprise').set(CSRF).expect(400);
      expect(notUuid.body.fields).toHaveProperty('id');
    });

    it('is for administrators only', async () => {
      const anct = await t.signIn('anct_directeur');
      await anct.agent.get('/api/jobs').expect(403);
    });
  });

  describe('across processes', () => {
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
      const app = await start();
      const ds = app.get(DataSource);
      await ds.query('CREATE TABLE test_ligne (job_id uuid NOT NULL, item integer NOT NULL, attempt integer NOT NULL)');
      await ds.query('CREATE TABLE test_run (job_id uuid NOT NULL, process text NOT NULL)');
      await stop(app);
    });
    afterAll(async () => {
      for (const app of [...apps]) await app.close();
      await database?.drop();
    });

    /** Ten lines written two per transaction, the checkpoint in the same transaction; `stall` waits for the stop after the second chunk. */
    const registerLines = (app: NestExpressApplication, stall: boolean, seen: { attempt: number; from: number }[]) => {
      const ds = app.get(DataSource);
      app.get(JobsService).register<{ n: number }, { next: number }>(
        'test.lignes',
        async (ctx: JobContext<{ n: number }, { next: number }>) => {
          seen.push({ attempt: ctx.attempt, from: ctx.checkpoint?.next ?? 0 });
          const items = Array.from({ length: ctx.data.n }, (_, i) => i);
          await forEachChunk(ctx, items, 2, async (chunk, _start, next) => {
            await ds.transaction(async (em) => {
              for (const item of chunk) await em.query('INSERT INTO test_ligne (job_id, item, attempt) VALUES ($1, $2, $3)', [ctx.id, item, ctx.attempt]);
              await ctx.progress(next, items.length, { checkpoint: { next }, em });
            });
            if (stall && next === 4) await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }));
          });
          return { lignes: items.length };
        },
        { retryLimit: 2, retryDelaySeconds: 0, retryBackoff: false },
      );
    };

    it('resumes a job interrupted by a stop from its checkpoint, without writing a line twice', async () => {
      const first = await start();
      const seenFirst: { attempt: number; from: number }[] = [];
      registerLines(first, true, seenFirst);
      await first.get(JobsService).ready();
      const id = await first.get(JobsService).send('test.lignes', { n: 10 });
      await waitForJob(first, id, { states: ['active'], until: (j) => j.done === 4 });

      await stop(first); // the handler is stopped mid-file
      const ds = (await start({ JOBS_WORKER: 'false' })).get(DataSource);
      const [interrupted] = await ds.query('SELECT state::text AS state, output FROM pgboss.job WHERE id = $1', [id]);
      expect(interrupted.state).toBe('retry');

      const second = await start();
      const seenSecond: { attempt: number; from: number }[] = [];
      registerLines(second, false, seenSecond);
      await second.get(JobsService).ready();
      const job = await waitForJob(second, id);

      expect(job).toMatchObject({ state: 'completed', done: 10, total: 10, output: { lignes: 10 } });
      expect(seenFirst).toEqual([{ attempt: 1, from: 0 }]);
      expect(seenSecond).toEqual([{ attempt: 2, from: 4 }]);
      const lines = await ds.query('SELECT item, attempt FROM test_ligne WHERE job_id = $1 ORDER BY item', [id]);
      expect(lines.map((l: { item: number }) => l.item)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(lines.map((l: { attempt: number }) => l.attempt)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 2, 2]);
      await stop(second);
    });

    it('an API with JOBS_WORKER=false only enqueues; a worker process runs the job', async () => {
      const register = (app: NestExpressApplication, process: string) => {
        const ds = app.get(DataSource);
        app.get(JobsService).register('test.mode', async (ctx) => {
          await ds.query('INSERT INTO test_run (job_id, process) VALUES ($1, $2)', [ctx.id, process]);
        });
      };
      const api = await start({ JOBS_WORKER: 'false' });
      register(api, 'api');
      await api.get(JobsService).ready();
      const id = await api.get(JobsService).send('test.mode', {});
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect((await api.get(JobsService).get(id))?.state).toBe('created');

      const worker = await start({ JOBS_WORKER: 'true' });
      register(worker, 'worker');
      await worker.get(JobsService).ready();
      expect((await waitForJob(api, id)).state).toBe('completed');
      const runs = await api.get(DataSource).query('SELECT process FROM test_run WHERE job_id = $1', [id]);
      expect(runs).toEqual([{ process: 'worker' }]);
    });
  });
});

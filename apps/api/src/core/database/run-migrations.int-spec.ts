import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { MIGRATIONS } from '@suivi-pvd/migrations';
import { DataSource } from 'typeorm';
import { startAppOn } from '../../test/jobs';
import { adminQuery, databaseUrl, dropDatabase, runDatabasePrefix, testServerUrl } from '../../test/test-database';
import { JobsService } from '../jobs/jobs.service';
import { dataSourceOptions } from './data-source-options';
import { ENTITIES } from '../../entities';
import { quoteIdent } from './embedded-postgres';
import { runPendingMigrations } from './run-migrations';

/** API replicas starting together on a new database (the first deployment, a deployment with migrations). */
describe('several processes starting on one new database', () => {
  const name = `${runDatabasePrefix()}w${process.env.JEST_WORKER_ID ?? '0'}_fresh_${randomUUID().slice(0, 8)}`;
  const url = databaseUrl(testServerUrl(), name);

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE ${quoteIdent(name)}`);
  });
  afterAll(async () => {
    await dropDatabase(name);
  });

  it('migrates the database once: the second process waits for the first, then finds nothing to run', async () => {
    const sources = await Promise.all([0, 1].map(() => new DataSource(dataSourceOptions(url, ENTITIES, { extra: { max: 2 } })).initialize()));
    try {
      const ran = await Promise.all(sources.map((s) => runPendingMigrations(s, { log: () => undefined })));
      expect(ran.map((r) => r.length).sort((x, y) => x - y)).toEqual([0, MIGRATIONS.length]);
      const rows: { name: string }[] = await sources[0].query('SELECT name FROM migrations ORDER BY id');
      expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
    } finally {
      await Promise.all(sources.map((s) => s.destroy()));
    }
  }, 120_000);

  it('sets up the job queue once when two API processes start at once on it', async () => {
    // A database without pg-boss's schema yet: both create it and every queue, one after the other.
    const apps = await Promise.all([startAppOn(url), startAppOn(url)]);
    try {
      for (const app of apps) {
        await app.get(JobsService).ready();
        expect((await request(app.getHttpServer()).get('/api/health/ready').expect(200)).body.jobs).toBe('ok');
      }
      const registered = apps[0].get(JobsService).registered().map((j) => j.name);
      const queues: { name: string }[] = await apps[0].get(DataSource).query(`SELECT name FROM pgboss.queue WHERE name = ANY($1::text[])`, [registered]);
      expect(queues.map((q) => q.name).sort()).toEqual([...registered].sort());
    } finally {
      await Promise.all(apps.map((app) => app.close()));
    }
  }, 120_000);
});

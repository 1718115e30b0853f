import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { AppModule } from './app.module';
import { loadConfig } from './core/config/config';
import { JobsService } from './core/jobs/jobs.service';
import { PURGE_SESSIONS_JOB } from './core/jobs/maintenance.jobs';
import { createRootLogger, PinoNestLogger } from './core/logging/logger';
import { createSharedTestDatabase, waitForJob } from './test/jobs';
import { createWorkerHttp } from './worker-http';

/** The worker process (no API): its own /metrics and probes on WORKER_HTTP_PORT. */
describe('worker HTTP', () => {
  let database: { url: string; drop(): Promise<void> };
  let worker: INestApplicationContext;
  const config = loadConfig({ NODE_ENV: 'test', DEMO_SEED: 'false', LOAD_REFERENTIEL: 'false', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', JOBS_WORKER: 'true', WORKER_HTTP_PORT: '4589' });

  beforeAll(async () => {
    database = await createSharedTestDatabase();
    // As worker.ts starts it: an application context, no HTTP application, no migration.
    worker = await NestFactory.createApplicationContext(AppModule.forRoot(config, database.url, { migrationsRun: false }), {
      logger: new PinoNestLogger(createRootLogger(config.logLevel)),
    });
    await worker.init();
    await worker.get(JobsService).ready();
  });
  afterAll(async () => {
    await worker?.close();
    await database?.drop();
  });

  it('reads WORKER_HTTP_PORT, unset by default', () => {
    expect(config.workerHttpPort).toBe(4589);
    expect(loadConfig({}).workerHttpPort).toBeNull();
    expect(() => loadConfig({ WORKER_HTTP_PORT: 'http' })).toThrow(/WORKER_HTTP_PORT/);
  });

  it('serves the worker’s probes and its metrics, jobs run included', async () => {
    const http = createWorkerHttp(worker, config);
    expect((await request(http).get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    expect((await request(http).get('/health/ready').expect(200)).body).toEqual({ status: 'ok', database: 'ok', jobs: 'ok', documents: 'ok' });

    const id = await worker.get(JobsService).send(PURGE_SESSIONS_JOB, {});
    expect((await waitForJob(worker, id)).state).toBe('completed');
    const metrics = (await request(http).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(new RegExp(`^suivi_pvd_job_duration_seconds_count\\{job="${PURGE_SESSIONS_JOB}",outcome="completed"\\} 1$`, 'm'));
    expect(metrics).toMatch(/^suivi_pvd_db_pool_connections\{pool="jobs"\} \d+$/m);

    const refused = await request(http).get('/metrics').set('X-Forwarded-For', '203.0.113.9').expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    expect((await request(http).get('/api/health').expect(404)).body.code).toBe('ROUTE_NOT_FOUND');
  });
});

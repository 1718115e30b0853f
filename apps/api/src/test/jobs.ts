import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '../core/config/config';
import { JobsService, type JobState, type JobView } from '../core/jobs/jobs.service';
import { createRootLogger } from '../core/logging/logger';
import { createApp } from '../create-app';
import { createDatabaseFromTemplate, dropDatabase, runDatabasePrefix } from './test-database';

/**
 * Waits until the job reaches one of `states` (by default: completed or failed) and returns it.
 * Jobs run promptly in tests (JOBS_POLLING_MS is 500 under NODE_ENV=test, and a job sent by a
 * process that runs workers starts at once).
 */
export async function waitForJob(
  app: INestApplicationContext,
  id: string,
  options: { states?: readonly JobState[]; timeoutMs?: number; until?: (job: JobView) => boolean } = {},
): Promise<JobView> {
  const states = options.states ?? ['completed', 'failed'];
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  const jobs = app.get(JobsService);
  let job: JobView | null = null;
  while (Date.now() < deadline) {
    job = await jobs.get(id);
    if (job && states.includes(job.state) && (!options.until || options.until(job))) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Job ${id} did not reach ${states.join('/')} in time (last: ${JSON.stringify(job)})`);
}

/** A test database of its own (copied from the template), for tests that start several apps on one database. */
export async function createSharedTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${runDatabasePrefix()}w${process.env.JEST_WORKER_ID ?? '0'}_jobs_${randomUUID().slice(0, 8)}`;
  const url = await createDatabaseFromTemplate(name);
  return { url, drop: () => dropDatabase(name) };
}

/** The real application on an existing database (several may share one, as API and worker processes do). */
export async function startAppOn(url: string, env: NodeJS.ProcessEnv = {}): Promise<NestExpressApplication> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DEMO_SEED: 'false',
    LOAD_REFERENTIEL: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    WEB_DIST_DIR: '/nonexistent',
    ...env,
  });
  return createApp(config, url, createRootLogger(config.logLevel));
}

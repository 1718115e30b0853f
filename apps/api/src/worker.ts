import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { loadConfigOrExit } from './core/config/config';
import { dataSourceOptions } from './core/database/data-source-options';
import { ENTITIES } from './entities';
import { resolveDatabase } from './core/database/resolve-database';
import { JobsService } from './core/jobs/jobs.service';
import { createRootLogger, PinoNestLogger } from './core/logging/logger';
import { createWorkerHttp } from './worker-http';

/** How long the worker waits for the API to migrate the database before giving up. */
const MIGRATION_WAIT_MS = 120_000;

/**
 * The job worker: the same application as the API (same modules, same handlers), without HTTP.
 * Run it beside APIs started with JOBS_WORKER=false (`npm run worker`, or
 * `node dist/api/apps/api/src/worker.js`). It never migrates: it waits for the API to do it.
 */
async function main(): Promise<void> {
  let config = loadConfigOrExit();
  config = { ...config, jobs: { ...config.jobs, worker: true } };
  const logger = createRootLogger(config.logLevel);
  const database = await resolveDatabase(config, logger);
  await waitForMigrations(database.url, logger);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, database.url, { migrationsRun: false }), {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  const jobs = app.get(JobsService);
  await jobs.ready();
  // Its metrics and probes, when asked for (WORKER_HTTP_PORT).
  const http =
    config.workerHttpPort === null
      ? null
      : await new Promise<Server>((resolve, reject) => {
          const server = createWorkerHttp(app, config).listen(config.workerHttpPort as number, config.host, () => resolve(server));
          server.once('error', reject);
        });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Worker shutting down');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    http?.close();
    await app.close(); // running jobs stop at their next chunk and are retried from their checkpoint
    await database.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  logger.info({ jobs: jobs.registered().map((j) => j.name), http: config.workerHttpPort }, 'Suivi PVD worker started');
}

async function waitForMigrations(url: string, logger: ReturnType<typeof createRootLogger>): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(url, ENTITIES, { extra: { max: 1 }, applicationName: 'suivi-pvd-worker' }));
  await dataSource.initialize();
  try {
    const deadline = Date.now() + MIGRATION_WAIT_MS;
    while (await dataSource.showMigrations()) {
      if (Date.now() > deadline) throw new Error('The database has pending migrations: start the API first (it runs them), then the worker.');
      logger.info('Waiting for the API to run the pending migrations');
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  process.stderr.write(`Suivi PVD worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

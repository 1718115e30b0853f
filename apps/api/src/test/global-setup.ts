import { Logger } from '@nestjs/common';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { repoRoot } from '../core/config/config';
import { dataSourceOptions } from '../core/database/data-source-options';
import { ENTITIES } from '../entities';
import { startEmbeddedPostgres } from '../core/database/embedded-postgres';
import { AuditService } from '../core/audit/audit.service';
import { ImportDensiteService } from '../referentiel/import-densite.service';
import { LoadReferentielService } from '../referentiel/load-referentiel.service';
import { adminQuery, databaseUrl, dropDatabase, templateDatabase, TEST_DATABASE_PREFIX } from './test-database';

/**
 * Once per run: a PostgreSQL server (DATABASE_URL's server, or an embedded one under
 * .data/pg-test), then a template database with every migration, the référentiel and the
 * density grid shipped with the application loaded (as a fresh start has them).
 */
export default async function globalSetup(): Promise<void> {
  Logger.overrideLogger(false);
  process.env.NODE_ENV = 'test';
  const started = Date.now();
  let serverUrl: string;
  if (process.env.DATABASE_URL) {
    serverUrl = databaseUrl(process.env.DATABASE_URL, 'postgres');
  } else {
    const pg = await startEmbeddedPostgres({
      dataDir: resolve(repoRoot(), process.env.EMBEDDED_PG_TEST_DIR ?? '.data/pg-test'),
      // Below Linux's ephemeral range (32768–60999), where outgoing connections could hold it.
      port: Number(process.env.EMBEDDED_PG_TEST_PORT ?? 3103),
    });
    (globalThis as { __SUIVI_PVD_PG__?: { stop(): Promise<void> } }).__SUIVI_PVD_PG__ = pg;
    serverUrl = pg.serverUrl;
  }
  process.env.SUIVI_PVD_TEST_SERVER_URL = serverUrl;
  process.env.SUIVI_PVD_TEST_RUN = String(process.pid);
  const template = templateDatabase();

  // Databases left by earlier runs that are no longer running (killed, crashed) go.
  const { rows } = await adminQuery('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${TEST_DATABASE_PREFIX}%`]);
  for (const row of rows) {
    const name = String(row.datname);
    const pid = Number(/^suivi_pvd_test_(\d+)_/.exec(name)?.[1]);
    if (pid && pid !== process.pid && isAlive(pid)) continue;
    await adminQuery(`ALTER DATABASE "${name}" IS_TEMPLATE false`);
    await dropDatabase(name);
  }
  await adminQuery(`CREATE DATABASE "${template}"`);
  const dataSource = new DataSource(dataSourceOptions(databaseUrl(serverUrl, template), ENTITIES));
  let densiteMs = 0;
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await new LoadReferentielService(dataSource).load();
    const densiteStarted = Date.now();
    await new ImportDensiteService(dataSource, new AuditService()).loadShipped();
    densiteMs = Date.now() - densiteStarted;
  } finally {
    await dataSource.destroy();
  }
  await adminQuery(`ALTER DATABASE "${template}" IS_TEMPLATE true`);
  process.stdout.write(`\n[int] template database ready in ${Date.now() - started} ms (density grid ${densiteMs} ms)\n`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

import { Logger } from '@nestjs/common';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { repoRoot } from '../core/config/config';
import { dataSourceOptions } from '../core/database/data-source-options';
import { startEmbeddedPostgres } from '../core/database/embedded-postgres';
import { LoadReferentielService } from '../referentiel/load-referentiel.service';
import { adminQuery, databaseUrl, dropDatabase, TEMPLATE_DATABASE, TEST_DATABASE_PREFIX } from './test-database';

/**
 * Once per run: a PostgreSQL server (DATABASE_URL's server, or an embedded one under
 * .data/pg-test), then a template database with every migration and the référentiel loaded.
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
      port: Number(process.env.EMBEDDED_PG_TEST_PORT ?? 54329),
    });
    (globalThis as { __SUIVI_PVD_PG__?: { stop(): Promise<void> } }).__SUIVI_PVD_PG__ = pg;
    serverUrl = pg.serverUrl;
  }
  process.env.SUIVI_PVD_TEST_SERVER_URL = serverUrl;

  const { rows } = await adminQuery('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${TEST_DATABASE_PREFIX}%`]);
  for (const row of rows) {
    if (row.datname === TEMPLATE_DATABASE) await adminQuery(`ALTER DATABASE ${TEMPLATE_DATABASE} IS_TEMPLATE false`);
    await dropDatabase(String(row.datname));
  }
  await adminQuery(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  const dataSource = new DataSource(dataSourceOptions(databaseUrl(serverUrl, TEMPLATE_DATABASE)));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await new LoadReferentielService(dataSource).load();
  } finally {
    await dataSource.destroy();
  }
  await adminQuery(`ALTER DATABASE ${TEMPLATE_DATABASE} IS_TEMPLATE true`);
  process.stdout.write(`\n[int] template database ready in ${Date.now() - started} ms\n`);
}

import { Logger } from '@nestjs/common';
import { adminQuery, dropDatabase, runDatabasePrefix, templateDatabase } from './test-database';

/** Drops this run's databases, then stops the embedded server if the setup started one. */
export default async function globalTeardown(): Promise<void> {
  Logger.overrideLogger(false);
  const { rows } = await adminQuery('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${runDatabasePrefix()}%`]);
  for (const row of rows) {
    const name = String(row.datname);
    if (name === templateDatabase()) await adminQuery(`ALTER DATABASE "${name}" IS_TEMPLATE false`);
    await dropDatabase(name);
  }
  const pg = (globalThis as { __SUIVI_PVD_PG__?: { stop(): Promise<void> } }).__SUIVI_PVD_PG__;
  if (pg) await pg.stop();
}

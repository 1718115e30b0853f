import { Client } from 'pg';
import { quoteIdent } from '../core/database/embedded-postgres';

export const TEST_DATABASE_PREFIX = 'suivi_pvd_test_';

/**
 * Each test run names its databases after its own id (the pid of the Jest parent), so that two
 * runs on one server never drop each other's databases.
 */
export function testRunId(): string {
  const id = process.env.SUIVI_PVD_TEST_RUN;
  if (!id) throw new Error('SUIVI_PVD_TEST_RUN is not set: run integration tests through jest.int.config.js');
  return id;
}

export function templateDatabase(): string {
  return `${TEST_DATABASE_PREFIX}${testRunId()}_template`;
}

/** Prefix of this run's databases. */
export function runDatabasePrefix(): string {
  return `${TEST_DATABASE_PREFIX}${testRunId()}_`;
}

/** URL of the test PostgreSQL server's maintenance database, set by the global setup. */
export function testServerUrl(): string {
  const url = process.env.SUIVI_PVD_TEST_SERVER_URL;
  if (!url) throw new Error('SUIVI_PVD_TEST_SERVER_URL is not set: run integration tests through jest.int.config.js');
  return url;
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs SQL on the maintenance database. Refuses to run outside NODE_ENV=test. */
export async function adminQuery(sql: string, params: unknown[] = []): Promise<{ rows: Record<string, unknown>[] }> {
  if (process.env.NODE_ENV !== 'test') throw new Error('Test database helpers run only with NODE_ENV=test');
  const client = new Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/** A new database copied from the template (migrated, référentiel loaded). */
export async function createDatabaseFromTemplate(name: string): Promise<string> {
  if (!name.startsWith(TEST_DATABASE_PREFIX)) throw new Error(`Refusing to create ${name}: not a test database`);
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(templateDatabase())} STRATEGY FILE_COPY`);
      return databaseUrl(testServerUrl(), name);
    } catch (error) {
      // Two workers copying the template at the same instant: PostgreSQL refuses one; try again.
      if (attempt >= 10 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}

export async function dropDatabase(name: string): Promise<void> {
  if (!name.startsWith(TEST_DATABASE_PREFIX)) throw new Error(`Refusing to drop ${name}: not a test database`);
  await adminQuery(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}

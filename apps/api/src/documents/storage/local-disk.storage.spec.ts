import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { DocumentContentMissing } from './document-storage';
import { LocalDiskStorage } from './local-disk.storage';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function hintOf(content: Buffer): { sha256: string } {
  return { sha256: createHash('sha256').update(content).digest('hex') };
}

describe('LocalDiskStorage', () => {
  let root: string;
  let storage: LocalDiskStorage;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'suivi-pvd-documents-'));
    storage = new LocalDiskStorage(root);
  });

  async function keys(): Promise<string[]> {
    const found: string[] = [];
    for await (const key of storage.list()) found.push(key);
    return found;
  }

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('stores a content and streams it back', async () => {
    const content = Buffer.from('%PDF-1.4\n' + 'x'.repeat(200_000));
    const key = await storage.put(content, hintOf(content));
    expect(await readAll(await storage.get(key))).toEqual(content);
  });

  it('hands out year/month/uuid keys, distinct for identical contents', async () => {
    const content = Buffer.from('same bytes');
    const first = await storage.put(content, hintOf(content));
    const second = await storage.put(content, hintOf(content));
    const now = new Date();
    const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    expect(first).toMatch(new RegExp(`^${month}/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`));
    expect(second).not.toBe(first);
  });

  it('writes the file under the root with no permission for others, and leaves no temporary file', async () => {
    const content = Buffer.from('hello');
    const key = await storage.put(content, hintOf(content));
    const [year, month, name] = key.split('/');
    expect(await readdir(join(root, year, month))).toEqual([name]);
    const { mode } = await stat(join(root, year, month, name));
    expect(mode & 0o007).toBe(0);
    expect(mode & 0o600).toBe(0o600);
  });

  it('stores an empty content', async () => {
    const key = await storage.put(Buffer.alloc(0), hintOf(Buffer.alloc(0)));
    expect((await readAll(await storage.get(key))).length).toBe(0);
  });

  it('rejects a missing key with DocumentContentMissing', async () => {
    const key = '2026/11/0b4c9a3e-5a61-4f7e-9a57-2f0d0f5a1c11';
    await expect(storage.get(key)).rejects.toThrow(DocumentContentMissing);
    await expect(storage.get(key)).rejects.toMatchObject({ key });
  });

  it.each([
    '../../etc/passwd',
    '/etc/passwd',
    '2026/11/../../../../etc/passwd',
    '2026/11/0b4c9a3e-5a61-4f7e-9a57-2f0d0f5a1c11/..',
    '2026/11/.0b4c9a3e-5a61-4f7e-9a57-2f0d0f5a1c11.tmp',
    '2026\\11\\0b4c9a3e-5a61-4f7e-9a57-2f0d0f5a1c11',
    '2026/11/0B4C9A3E-5A61-4F7E-9A57-2F0D0F5A1C11',
    '2026/11/------------------------------------/',
    '',
  ])('refuses the key %j', async (key) => {
    await expect(storage.get(key)).rejects.toThrow(/Invalid document storage key/);
    await expect(storage.get(key)).rejects.not.toBeInstanceOf(DocumentContentMissing);
    await expect(storage.delete(key)).rejects.toThrow(/Invalid document storage key/);
  });

  it('does not follow a traversal key even when the target exists', async () => {
    await writeFile(join(root, 'secret'), 'secret');
    await expect(storage.get('2026/11/../../secret')).rejects.toThrow(/Invalid document storage key/);
  });

  it('deletes a key, idempotently', async () => {
    const content = Buffer.from('to be removed');
    const key = await storage.put(content, hintOf(content));
    await storage.delete(key);
    await expect(storage.get(key)).rejects.toThrow(DocumentContentMissing);
    await expect(storage.delete(key)).resolves.toBeUndefined();
    await expect(storage.delete('1999/01/0b4c9a3e-5a61-4f7e-9a57-2f0d0f5a1c11')).resolves.toBeUndefined();
  });

  it('lists the keys only: no temporary file, nothing else in the folder', async () => {
    expect(await keys()).toEqual([]);
    const content = Buffer.from('listed');
    const key = await storage.put(content, hintOf(content));
    const [year, month] = key.split('/');
    await writeFile(join(root, year, month, '.0b4c9a3e-5a61-4f7e-9a57-2f0d0f5a1c11.tmp'), 'half');
    await writeFile(join(root, year, 'notes.txt'), 'not a key');
    await writeFile(join(root, 'README'), 'not a key');
    expect(await keys()).toEqual([key]);
  });

  it('fails a put cleanly when the root cannot hold folders', async () => {
    const file = join(root, 'not-a-folder');
    await writeFile(file, '');
    const broken = new LocalDiskStorage(file);
    await expect(broken.put(Buffer.from('x'), hintOf(Buffer.from('x')))).rejects.toMatchObject({ code: expect.any(String) });
  });

  it('checks its root: created when missing, refused when it is not a usable folder', async () => {
    await expect(new LocalDiskStorage(join(root, 'new', 'documents')).check()).resolves.toBeUndefined();
    expect((await stat(join(root, 'new', 'documents'))).isDirectory()).toBe(true);
    const file = join(root, 'not-a-folder');
    await writeFile(file, '');
    await expect(new LocalDiskStorage(file).check()).rejects.toThrow('cannot hold the documents');
  });
});

import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, opendir, rename, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { DocumentContentMissing, DocumentStorage, newStorageKey, requireStorageKey, STORAGE_KEY_PATTERN } from './document-storage';

/** Owner read/write, group read, nothing for others (the umask may only remove bits). */
const FILE_MODE = 0o640;

/**
 * Document contents as plain files under `rootDir` (`DOCUMENTS_DIR`), one file per key:
 * `<rootDir>/2026/11/<uuid>`, year and month (UTC) of the upload. Writes are atomic: the content goes
 * to a temporary file in the same folder, is flushed to disk, then renamed to its key, so a reader
 * never sees a half-written file and a crash leaves at most a stray `.tmp` file, never a truncated key.
 */
export class LocalDiskStorage extends DocumentStorage {
  private readonly rootDir: string;

  constructor(rootDir: string) {
    super();
    this.rootDir = resolve(rootDir);
  }

  /** The hash hint is not needed on disk: keys are random, identical contents get distinct keys. */
  override async put(content: Buffer, _hint: { sha256: string }): Promise<string> {
    const key = newStorageKey();
    await this.write(key, (file) => file.writeFile(content));
    return key;
  }

  override async putAt(key: string, content: Readable, size: number): Promise<void> {
    await this.write(key, async (file) => {
      // One chunk at a time: the content is never held whole in memory.
      let written = 0;
      for await (const chunk of content) {
        const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
        await file.write(bytes);
        written += bytes.length;
      }
      if (written !== size) throw new Error(`Document ${key}: ${written} bytes written, ${size} expected`);
    });
  }

  override async get(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    try {
      // Opening first (rather than a lazy createReadStream) turns a missing file into a rejection here,
      // not into an 'error' event after the response has started.
      const file = await open(path, 'r');
      return file.createReadStream();
    } catch (error) {
      if (isNotFound(error)) throw new DocumentContentMissing(key);
      throw error;
    }
  }

  override async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    try {
      await unlink(path);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  /** The files named like keys, two folder levels down; temporary files and anything else are not keys. */
  override async *list(): AsyncIterable<string> {
    for (const year of await this.entries(this.rootDir, true)) {
      for (const month of await this.entries(join(this.rootDir, year), true)) {
        for (const name of await this.entries(join(this.rootDir, year, month), false)) {
          const key = `${year}/${month}/${name}`;
          if (STORAGE_KEY_PATTERN.test(key)) yield key;
        }
      }
    }
  }

  override async check(): Promise<void> {
    try {
      await mkdir(this.rootDir, { recursive: true });
      await access(this.rootDir, constants.W_OK);
    } catch (error) {
      throw new Error(`DOCUMENTS_DIR ${this.rootDir} cannot hold the documents: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  override describe(): string {
    return this.rootDir;
  }

  private async write(key: string, fill: (file: Awaited<ReturnType<typeof open>>) => Promise<void>): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    // Hidden name that can never match the key pattern, in the same folder so that rename is atomic.
    const temporary = join(dirname(target), `.${randomUUID()}.tmp`);
    try {
      const file = await open(temporary, 'wx', FILE_MODE);
      try {
        await fill(file);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, target);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }

  /** Names of the sub-folders (or files) of a folder; none when it does not exist. */
  private async entries(dir: string, folders: boolean): Promise<string[]> {
    const names: string[] = [];
    try {
      for await (const entry of await opendir(dir)) {
        if (folders ? entry.isDirectory() : entry.isFile()) names.push(entry.name);
      }
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
    return names.sort();
  }

  /** Absolute path of a key; throws on keys this storage did not generate (no path traversal). */
  private pathOf(key: string): string {
    return join(this.rootDir, ...requireStorageKey(key).split('/'));
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === 'ENOENT';
}

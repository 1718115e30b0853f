import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, rename, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { DocumentContentMissing, DocumentStorage } from './document-storage';

/** The only keys this storage hands out and accepts: `<year>/<month>/<uuid>`. Anything else (`..`, absolute paths…) is refused. */
const KEY_PATTERN = /^\d{4}\/\d{2}\/[0-9a-f-]{36}$/;

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
    const now = new Date();
    const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}`;
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });

    // Hidden name that can never match KEY_PATTERN, in the same folder so that rename is atomic.
    const temporary = join(dirname(target), `.${randomUUID()}.tmp`);
    try {
      const file = await open(temporary, 'wx', FILE_MODE);
      try {
        await file.writeFile(content);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temporary, target);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    return key;
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

  /** The root folder exists (created on first use) and this process may read and write it. */
  override async check(): Promise<void> {
    await mkdir(this.rootDir, { recursive: true });
    await access(this.rootDir, constants.R_OK | constants.W_OK | constants.X_OK);
  }

  /** Absolute path of a key; throws on keys this storage did not generate (no path traversal). */
  private pathOf(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new Error(`Invalid document storage key: ${JSON.stringify(key)}`);
    return join(this.rootDir, ...key.split('/'));
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === 'ENOENT';
}

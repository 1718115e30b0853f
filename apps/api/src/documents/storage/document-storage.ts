import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';

/**
 * Where document contents live. The database keeps the metadata and the key; the storage keeps
 * the bytes. Local disk by default (`DOCUMENTS_DIR`); an S3-compatible store (`DOCUMENTS_STORAGE=s3`)
 * implements the same calls, with the same keys, so a backup of one restores into the other.
 */
export abstract class DocumentStorage {
  /** Stores the content under a new key and returns it. */
  abstract put(content: Buffer, hint: { sha256: string }): Promise<string>;
  /** Streams the content of a key; rejects with DocumentContentMissing if it is not there. */
  abstract get(key: string): Promise<Readable>;
  /** Removes a key (used to clean up when the database write that follows a put fails). Missing keys are fine. */
  abstract delete(key: string): Promise<void>;
  /** Stores a stream of `size` bytes under a key given by the caller (a restore puts contents back under their keys). */
  abstract putAt(key: string, content: Readable, size: number): Promise<void>;
  /** Every key of the store (a restore checks that the store is empty). */
  abstract list(): AsyncIterable<string>;
  /** Checks at start that the store can be used (folder writable, bucket reachable); throws a message saying why not. */
  abstract check(): Promise<void>;
  /** Where the contents are, for messages: a folder, or s3://bucket/prefix at an endpoint. */
  abstract describe(): string;
}

export class DocumentContentMissing extends Error {
  constructor(readonly key: string) {
    super(`Document content missing from storage: ${key}`);
  }
}

/** The only keys a storage hands out and accepts: `<year>/<month>/<uuid>`. Anything else (`..`, absolute paths…) is refused. */
export const STORAGE_KEY_PATTERN = /^\d{4}\/\d{2}\/[0-9a-f-]{36}$/;

/** A new key: year and month (UTC) of the upload, then a random UUID (identical contents get distinct keys). */
export function newStorageKey(now: Date = new Date()): string {
  return `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}`;
}

/** Throws on keys no storage generated (no path traversal on disk, no surprise object names in a bucket). */
export function requireStorageKey(key: string): string {
  if (!STORAGE_KEY_PATTERN.test(key)) throw new Error(`Invalid document storage key: ${JSON.stringify(key)}`);
  return key;
}

import type { Readable } from 'node:stream';

/**
 * Where document contents live. The database keeps the metadata and the key; the storage keeps
 * the bytes. Local disk by default (`DOCUMENTS_DIR`); an S3-compatible store implements the same
 * three calls.
 */
export abstract class DocumentStorage {
  /** Stores the content under a new key and returns it. */
  abstract put(content: Buffer, hint: { sha256: string }): Promise<string>;
  /** Streams the content of a key; rejects with DocumentContentMissing if it is not there. */
  abstract get(key: string): Promise<Readable>;
  /** Removes a key (used to clean up when the database write that follows a put fails). Missing keys are fine. */
  abstract delete(key: string): Promise<void>;
  /** Resolves when the store can be read and written (readiness), rejects with the reason otherwise. */
  abstract check(): Promise<void>;
}

export class DocumentContentMissing extends Error {
  constructor(readonly key: string) {
    super(`Document content missing from storage: ${key}`);
  }
}

import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { S3StoreConfig } from '../../core/config/config';
import { DocumentContentMissing, DocumentStorage, newStorageKey, requireStorageKey, STORAGE_KEY_PATTERN } from './document-storage';

/**
 * Document contents as objects of a bucket of any provider of the S3 API (AWS, Scaleway, OVH,
 * Outscale, a self-hosted MinIO or Garage…): object `<prefix><year>/<month>/<uuid>`, the same keys as
 * on disk. Objects are written once and never changed; the SHA-256 of the content goes in the
 * object's metadata (`x-amz-meta-sha256`) and its MD5 in Content-MD5, which the store checks.
 */
export class S3Storage extends DocumentStorage {
  private readonly client: S3Client;

  constructor(private readonly config: S3StoreConfig) {
    super();
    const options: S3ClientConfig = {
      region: config.region,
      endpoint: config.endpoint ?? undefined,
      forcePathStyle: config.forcePathStyle,
      // Checksums only where the API requires them: the CRC checksums the SDK adds by default are not
      // understood by every S3-compatible store, and Content-MD5 already covers the uploads.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000 },
    };
    if (config.accessKeyId && config.secretAccessKey) {
      options.credentials = { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey };
    }
    // Without keys, the SDK's usual chain: AWS_ACCESS_KEY_ID…, a profile, the instance's role.
    this.client = new S3Client(options);
  }

  override async put(content: Buffer, hint: { sha256: string }): Promise<string> {
    const key = newStorageKey();
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.config.bucket,
        Key: this.objectName(key),
        Body: content,
        ContentLength: content.length,
        ContentType: 'application/octet-stream',
        ContentMD5: createHash('md5').update(content).digest('base64'),
        Metadata: { sha256: hint.sha256 },
      }),
    );
    return key;
  }

  override async putAt(key: string, content: Readable, size: number): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.config.bucket,
        Key: this.objectName(key),
        Body: content,
        ContentLength: size,
        ContentType: 'application/octet-stream',
      }),
    );
  }

  override async get(key: string): Promise<Readable> {
    const name = this.objectName(key);
    try {
      // The promise settles on the response headers: a missing object is a rejection here, and the
      // body streams from the store to the client without being held in memory.
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: name }));
      if (!(response.Body instanceof Readable)) throw new Error(`S3 object ${name}: no readable body`);
      return response.Body;
    } catch (error) {
      if (isMissingObject(error)) throw new DocumentContentMissing(key);
      throw error;
    }
  }

  /** Deleting a missing object is no error in S3. */
  override async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.objectName(key) }));
  }

  override async *list(): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.config.bucket, Prefix: this.config.prefix || undefined, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        const key = object.Key?.slice(this.config.prefix.length);
        if (key && STORAGE_KEY_PATTERN.test(key)) yield key;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  override async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.config.bucket }));
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      const reason =
        status === 404 ? 'the bucket does not exist' : status === 403 ? 'access denied (check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY)' : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new Error(`The document store ${this.describe()} cannot be used: ${reason}`);
    }
  }

  override describe(): string {
    return `s3://${this.config.bucket}/${this.config.prefix}${this.config.endpoint ? ` at ${this.config.endpoint}` : ''}`;
  }

  /** Closes the client's kept-alive connections (Nest calls it when the app closes). */
  onModuleDestroy(): void {
    this.client.destroy();
  }

  private objectName(key: string): string {
    return `${this.config.prefix}${requireStorageKey(key)}`;
  }
}

/** A missing object (not a missing bucket, which is a configuration error, not a missing document). */
function isMissingObject(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || (e.$metadata?.httpStatusCode === 404 && e.name !== 'NoSuchBucket');
}

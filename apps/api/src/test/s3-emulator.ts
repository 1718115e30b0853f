import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** The access key s3rver accepts (it checks signatures against it). */
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** An S3 API in this process (s3rver), its objects in a temporary folder: the S3 path of the tests without any service to run. */
export interface S3Emulator {
  endpoint: string;
  /** Creates an empty bucket with a fresh name. */
  createBucket(): Promise<string>;
  /** The variables that point the app at a bucket of this emulator. */
  env(bucket: string): NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

export async function startS3Emulator(): Promise<S3Emulator> {
  // Node 20 is what the project runs on; the SDK's notice that later versions will need Node 22 would only clutter the tests.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const directory = await mkdtemp(join(tmpdir(), 'suivi-pvd-s3-'));
  // Port 0: the system picks a free one, so parallel test files and runs never collide.
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: CREDENTIALS });
  return {
    endpoint,
    createBucket: async () => {
      const bucket = `test-${randomUUID().slice(0, 8)}`;
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
      return bucket;
    },
    env: (bucket) => ({
      DOCUMENTS_STORAGE: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    }),
    stop: async () => {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** The two document stores the document tests run on. */
export const DOCUMENT_BACKENDS = ['disk', 's3'] as const;
export type DocumentBackend = (typeof DOCUMENT_BACKENDS)[number];

/**
 * The app variables of a `describe` block for a backend: nothing for disk (the test app's own
 * folder), a bucket of an emulator started for the block for s3. Call it before `useTestApp(() => store.env())`.
 */
export function useDocumentBackend(backend: DocumentBackend): { env(): NodeJS.ProcessEnv } {
  let emulator: S3Emulator | undefined;
  let bucket = '';
  beforeAll(async () => {
    if (backend !== 's3') return;
    emulator = await startS3Emulator();
    bucket = await emulator.createBucket();
  });
  afterAll(async () => {
    await emulator?.stop();
  });
  return { env: () => (emulator ? emulator.env(bucket) : {}) };
}

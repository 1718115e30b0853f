import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createSharedTestDatabase, startAppOn } from '../../test/jobs';
import { useTestApp } from '../../test/test-app';

/**
 * A TCP relay to the test PostgreSQL: closing it is the database going away for the app behind
 * it (connections cut, new ones refused), opening it again on the same port brings it back.
 */
class DatabaseRelay {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  async open(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const target = connect(this.targetPort, this.host);
      for (const s of [client, target]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(target).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }
}

describe('health probes', () => {
  describe('everything up', () => {
    const t = useTestApp();

    it('says the process is alive, and ready with each dependency named', async () => {
      expect((await t.http().get('/api/health/live').expect(200)).body).toEqual({ status: 'ok' });
      const ready = await t.http().get('/api/health/ready').expect(200);
      expect(ready.body).toEqual({ status: 'ok', database: 'ok', jobs: 'ok', documents: 'ok' });
      // The former probe answers the same as readiness.
      expect((await t.http().get('/api/health').expect(200)).body).toEqual(ready.body);
    });
  });

  describe('document store unusable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'suivi-pvd-health-'));
    const notAFolder = join(dir, 'documents');
    writeFileSync(notAFolder, 'a file where the documents folder should be');
    const t = useTestApp({ DOCUMENTS_DIR: notAFolder });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('is not ready, naming the document store, and still alive', async () => {
      const res = await t.http().get('/api/health/ready').expect(503);
      expect(res.body).toEqual({
        statusCode: 503,
        code: 'SERVICE_NOT_READY',
        message: 'Indisponible : stockage des documents.',
        fields: { documents: [expect.stringMatching(/EEXIST|ENOTDIR/)] },
      });
      await t.http().get('/api/health/live').expect(200);
    });
  });

  describe('database gone', () => {
    let database: { url: string; drop(): Promise<void> };
    let relay: DatabaseRelay;
    let app: NestExpressApplication;

    beforeAll(async () => {
      database = await createSharedTestDatabase();
      const url = new URL(database.url);
      relay = new DatabaseRelay(url.hostname, Number(url.port));
      await relay.open();
      url.hostname = '127.0.0.1';
      url.port = String(relay.port);
      app = await startAppOn(url.toString());
    });
    afterAll(async () => {
      await relay.open();
      await app?.close();
      await relay.close();
      await database?.drop();
    });

    it('reports the database down with 503 and its name, stays alive, and is ready again when it is back', async () => {
      await request(app.getHttpServer()).get('/api/health/ready').expect(200);

      await relay.close();
      const down = await request(app.getHttpServer()).get('/api/health/ready').expect(503);
      expect(down.body).toMatchObject({ statusCode: 503, code: 'SERVICE_NOT_READY', message: expect.stringContaining('base de données') });
      expect(Object.keys(down.body.fields)).toEqual(['database']);
      expect(down.body.fields.database).toEqual([expect.any(String)]);
      await request(app.getHttpServer()).get('/api/health').expect(503);
      expect((await request(app.getHttpServer()).get('/api/health/live').expect(200)).body).toEqual({ status: 'ok' });

      await relay.open();
      const deadline = Date.now() + 10_000;
      let status = 0;
      while (Date.now() < deadline && status !== 200) {
        status = (await request(app.getHttpServer()).get('/api/health/ready')).status;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(status).toBe(200);
    });
  });
});

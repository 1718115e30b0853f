import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { useTestApp } from '../../test/test-app';
import { IMMUTABLE, REVALIDATE, SHORT } from './web-app';

/** A build as Vite and its precompression step leave it: hashed assets with .br and .gz beside them. */
function writeBuild(): { dir: string; index: string; script: string } {
  const dir = mkdtempSync(join(tmpdir(), 'suivi-pvd-web-'));
  const index = `<!doctype html><html lang="fr"><head><title>Suivi PVD</title></head><body><div id="root"></div>${'<!-- padding -->'.repeat(100)}</body></html>`;
  const script = `export const rows = ${JSON.stringify(Array.from({ length: 300 }, (_, i) => ({ i, label: `ligne ${i}` })))};`;
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, 'dsfr'));
  const withVariants = (path: string, content: string) => {
    writeFileSync(join(dir, path), content);
    writeFileSync(join(dir, `${path}.br`), brotliCompressSync(content));
    writeFileSync(join(dir, `${path}.gz`), gzipSync(content));
  };
  withVariants('index.html', index);
  withVariants('assets/dossier.route-3fA9_b1c.js', script);
  writeFileSync(join(dir, 'assets/tiny-Zk81pQ2a.js'), 'export const a = 1;');
  writeFileSync(join(dir, 'dsfr/icons.min.css'), '.fr-icon-x::before{content:""}');
  return { dir, index, script };
}

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

describe('compression and caching of responses', () => {
  const build = writeBuild();
  const t = useTestApp({ WEB_DIST_DIR: build.dir });
  let port = 0;

  beforeAll(async () => {
    const server = t.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => rmSync(build.dir, { recursive: true, force: true }));

  /** The bytes as sent (supertest would decode them). */
  const get = (path: string, headers: Record<string, string> = {}): Promise<RawResponse> =>
    new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });

  it('compresses a JSON answer over the threshold with brotli or gzip as the client asks, and not a small one', async () => {
    const br = await get('/api/docs/openapi.json', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    const document = JSON.parse(brotliDecompressSync(br.body).toString('utf8'));
    expect(document.openapi).toMatch(/^3\./);
    expect(br.body.length).toBeLessThan(Buffer.byteLength(JSON.stringify(document)) / 3);

    const gzip = await get('/api/docs/openapi.json', { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.body).toString('utf8')).openapi).toBe(document.openapi);

    const plain = await get('/api/docs/openapi.json');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.body.toString('utf8')).openapi).toBe(document.openapi);

    // Under 1 KB: not worth it.
    const small = await get('/api/health/live', { 'Accept-Encoding': 'br, gzip' });
    expect(small.status).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString('utf8'))).toEqual({ status: 'ok' });
  });

  it('compresses an authenticated list too', async () => {
    const chef = await t.signIn('chef_de_projet');
    const res = await chef.agent.get('/api/communes?q=a&pageSize=50').set('Accept-Encoding', 'gzip');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    // supertest decodes it.
    expect(res.body.items.length).toBeGreaterThan(10);
  });

  it('sends a hashed asset as the .br written at build time, cached for a year', async () => {
    const res = await get('/assets/dossier.route-3fA9_b1c.js', { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(IMMUTABLE).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toMatch(/^(application|text)\/javascript; charset=utf-8$/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers.etag).toBeDefined();
    expect(brotliDecompressSync(res.body).toString('utf8')).toBe(build.script);
  });

  it('sends its .gz to a client without brotli, and the file itself to a client asking for neither', async () => {
    const gzip = await get('/assets/dossier.route-3fA9_b1c.js', { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString('utf8')).toBe(build.script);

    const refused = await get('/assets/dossier.route-3fA9_b1c.js', { 'Accept-Encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body.toString('utf8')).toBe(build.script);

    const plain = await get('/assets/dossier.route-3fA9_b1c.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
    expect(plain.body.toString('utf8')).toBe(build.script);
  });

  it('never caches index.html, for every page of the application', async () => {
    for (const path of ['/', '/pvd/3b1d1f0e-0000-4000-8000-000000000000', '/index.html']) {
      const res = await get(path, { 'Accept-Encoding': 'br' });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe(REVALIDATE);
      expect(REVALIDATE).toBe('no-cache');
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(res.body).toString('utf8')).toBe(build.index);
    }
  });

  it('caches the unhashed files an hour, answers a missing asset 404 rather than the page, and leaves the API alone', async () => {
    const icons = await get('/dsfr/icons.min.css');
    expect(icons.status).toBe(200);
    expect(icons.headers['cache-control']).toBe(SHORT);
    expect(icons.headers['content-type']).toBe('text/css; charset=utf-8');

    const tiny = await get('/assets/tiny-Zk81pQ2a.js', { 'Accept-Encoding': 'br' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString('utf8')).toBe('export const a = 1;');

    const missing = await get('/assets/dossier.route-OLDHASH1.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/json/);

    const api = await get('/api/nothing-here');
    expect(api.status).toBe(404);
    expect(JSON.parse(api.body.toString('utf8')).code).toBe('ROUTE_NOT_FOUND');
  });

  it('writes a public page’s title and social preview tags into index.html, and only there', async () => {
    const programme = await t.http().get('/programme').expect(200);
    expect(programme.headers['content-type']).toContain('text/html');
    expect(programme.headers['cache-control']).toBe(REVALIDATE);
    expect(programme.text).toContain('<title>Le programme Petites villes de demain en chiffres – Suivi PVD</title>');
    expect(programme.text).toContain('<meta property="og:url" content="');
    expect(programme.text).toContain('/programme" />');
    // An unknown PVD and a signed-in page: the file as built.
    expect((await t.http().get('/programme/pvd/inconnue').expect(200)).text).toBe(build.index);
    expect((await t.http().get('/pvd').expect(200)).text).toBe(build.index);
  });
});

// Benchmarks the indicators at twice the programme's national size, against the limit, bounded in
// time and on loopback only. Starts the built API on a free port with a fresh embedded PostgreSQL
// (another free port), generates the dataset (generate-indicateurs.mjs), then for each scenario
// measures at BENCH_CONNECTIONS (16) concurrent clients:
//   route     — the HTTP route through the whole API (autocannon);
//   bare SQL  — the exact SQL statements the route runs (recorded by calling the built service with
//               a recording DataSource), replayed by a bare `pg` loop on as many connections;
//   bare Node — the same JSON body served by a bare node:http server (in a child process).
// Prints p50, p95, req/s and the ratios, and checks the targets. Never part of `npm test`.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { generateIndicateurs } from './generate-indicateurs.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const DURATION = Number(process.env.BENCH_SECONDS ?? 6);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
const children = [];

const freePort = () =>
  new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });
const stopAll = () =>
  Promise.all(children.map((c) => new Promise((done) => (c.exitCode !== null || c.signalCode !== null ? done() : (c.once('exit', done), c.kill('SIGTERM'))))));
// Bounded: whatever happens, the run ends (and its children with it).
const hardStop = setTimeout(
  async () => {
    console.error('bench-indicateurs: time limit reached, stopping');
    await stopAll();
    process.exit(2);
  },
  Number(process.env.BENCH_MAX_MINUTES ?? 20) * 60_000,
);
hardStop.unref();

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
const summary = (latencies, requests, seconds, errors) => {
  const sorted = Float64Array.from(latencies).sort();
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), rps: requests / seconds, errors };
};

/** autocannon over one URL; latencies of every response, for exact percentiles. */
function httpLoad(url, headers) {
  return new Promise((done, fail) => {
    const latencies = [];
    let errors = 0;
    const t0 = performance.now();
    const instance = autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers }, (error, r) => {
      if (error) return fail(error);
      done(summary(latencies, latencies.length, (performance.now() - t0) / 1000, errors + r.errors + r.non2xx));
    });
    instance.on('response', (_client, statusCode, _bytes, ms) => {
      latencies.push(ms);
      if (statusCode >= 300) errors++;
    });
  });
}

/** The recorded statements replayed by CONNECTIONS bare pg clients, one "request" = every statement in turn. */
async function sqlLoad(connectionString, statements) {
  const clients = await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      const c = new pg.Client({ connectionString });
      await c.connect();
      return c;
    }),
  );
  const latencies = [];
  let errors = 0;
  const t0 = performance.now();
  const deadline = t0 + DURATION * 1000;
  await Promise.all(
    clients.map(async (c) => {
      while (performance.now() < deadline) {
        const s = performance.now();
        try {
          for (const q of statements) await c.query(q.sql, q.params);
        } catch {
          errors++;
        }
        latencies.push(performance.now() - s);
      }
    }),
  );
  const result = summary(latencies, latencies.length, (performance.now() - t0) / 1000, errors);
  await Promise.all(clients.map((c) => c.end()));
  return result;
}

/** A bare node:http server returning the body, in its own process (as the API runs in its own). */
async function bareNode(body) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ind-'));
  writeFileSync(join(dir, 'body.json'), body);
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const body = require('fs').readFileSync(${JSON.stringify(join(dir, 'body.json'))});
       require('http').createServer((q, r) => { r.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length }); r.end(body); })
         .listen(${port}, '127.0.0.1', () => process.send('ready'));`,
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  children.push(child);
  await new Promise((done) => child.once('message', done));
  try {
    return await httpLoad(`http://127.0.0.1:${port}/`, {});
  } finally {
    await new Promise((done) => (child.once('exit', done), child.kill('SIGTERM')));
    rmSync(dir, { recursive: true, force: true });
  }
}

// Loaded now, as the API loads it at its start (a rebuild of dist/ later does not mix versions).
const { IndicateursService } = require(resolve(root, 'dist/api/apps/api/src/indicateurs/indicateurs.service.js'));
const apiPort = await freePort();
const pgPort = await freePort();
const base = `http://127.0.0.1:${apiPort}`;
const pgDir = resolve(root, '.data/pg-perf-indicateurs');
rmSync(pgDir, { recursive: true, force: true });
const connectionString = `postgres://postgres:postgres@127.0.0.1:${pgPort}/suivi_pvd`;
const startedAt = Date.now();
const server = spawn(process.execPath, ['dist/api/apps/api/src/main.js'], {
  cwd: root,
  env: { ...process.env, PORT: String(apiPort), EMBEDDED_PG_DIR: pgDir, EMBEDDED_PG_PORT: String(pgPort), DATABASE_URL: '', DEMO_SEED: 'true', LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
children.push(server);

async function waitHealthy(timeoutMs = 180_000) {
  while (Date.now() - startedAt < timeoutMs) {
    if (server.exitCode !== null) throw new Error('the API exited');
    try {
      if ((await fetch(`${base}/api/health`)).ok) return Date.now() - startedAt;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('API did not become healthy');
}

const fmt = (r) =>
  `p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  ${r.rps.toFixed(0).padStart(6)} req/s${r.errors ? `  errors ${r.errors}` : ''}`;

let exitCode = 0;
try {
  console.log(`API on ${apiPort}, embedded PostgreSQL on ${pgPort} (${pgDir}); started in ${await waitHealthy()} ms`);
  const signIn = async (email) => {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'suivi-pvd' },
      body: JSON.stringify({ email, password: 'demo-pvd-2026' }),
    });
    const cookie = res.headers.get('set-cookie').split(';')[0];
    const me = await (await fetch(`${base}/api/auth/me`, { headers: { cookie } })).json();
    return { cookie, user: { ...me, sessionId: 'bench', authMethod: 'mot_de_passe' } };
  };
  const anct = await signIn('anct@demo.test');
  const prefecture = await signIn('prefecture.creuse@demo.test');

  const db = new pg.Client({ connectionString });
  db.on('error', () => {});
  await db.connect();
  const g0 = performance.now();
  const { counts, timings } = await generateIndicateurs(db);
  console.log(`dataset generated in ${Math.round(performance.now() - g0)} ms: ${JSON.stringify(counts)}`);
  console.log(`  steps (ms): ${JSON.stringify(timings)}`);
  await db.end();

  // The service as built, over a DataSource that records every statement it runs.
  const pool = new pg.Pool({ connectionString, max: 10 });
  let recording = null;
  const run = async (client, sql, params = []) => {
    recording?.push({ sql, params });
    return (await client.query(sql, params)).rows;
  };
  // What the service uses of a TypeORM DataSource: query(), and a QueryRunner for one snapshot.
  const recorder = {
    query: (sql, params) => run(pool, sql, params),
    createQueryRunner: () => {
      let client = null;
      const runner = {
        isTransactionActive: false,
        connect: async () => void (client = await pool.connect()),
        startTransaction: async (level) => {
          await run(client, `BEGIN ISOLATION LEVEL ${level}`);
          runner.isTransactionActive = true;
        },
        commitTransaction: async () => {
          await run(client, 'COMMIT');
          runner.isTransactionActive = false;
        },
        rollbackTransaction: async () => {
          await run(client, 'ROLLBACK');
          runner.isTransactionActive = false;
        },
        query: (sql, params) => run(client, sql, params),
        release: async () => client?.release(),
      };
      return runner;
    },
  };
  const service = new IndicateursService(recorder);
  const admin = new pg.Client({ connectionString });
  await admin.connect();
  // A write to a source table: the next request computes again (what follows every data change).
  const touch = () => admin.query(`UPDATE indicateurs_version SET version = version + 1 WHERE source = 'commune'`);

  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
  const tableau = (section, who, portee, code, date) => ({
    path: `/api/indicateurs/tableau?section=${section}&portee=${portee}${code ? `&code=${code}` : ''}${date ? `&date=${date}` : ''}`,
    who,
    run: () => service.tableau(who.user, section, portee, code, date, undefined),
  });
  const detail = (id, who, portee, code, page) => ({
    path: `/api/indicateurs/${id}/detail?portee=${portee}${code ? `&code=${code}` : ''}&page=${page}`,
    who,
    run: () => service.detail(who.user, id, { portee, code, page, pageSize: 50 }),
  });
  const scenarios = [
    { name: 'national programme, today', target: { p95: 100, sqlRatio: 0.5 }, ...tableau('programme', anct, 'nation') },
    { name: 'national ingénierie, today', ...tableau('ingenierie', anct, 'nation') },
    { name: 'national thématique, today', ...tableau('thematique', anct, 'nation') },
    { name: 'national programme, 2024-01-01', target: { p95: 300 }, ...tableau('programme', anct, 'nation', undefined, '2024-01-01') },
    { name: 'département 23 programme (préf.)', ...tableau('programme', prefecture, 'departement', '23') },
    { name: 'drill-down P3 national, page 2', target: { p95: 50 }, ...detail('P3', anct, 'nation', undefined, 2) },
    { name: 'drill-down T1 national, page 1', target: { p95: 50 }, ...detail('T1', anct, 'nation', undefined, 1) },
    { name: 'drill-down T1 département 23, page 1', target: { p95: 50 }, ...detail('T1', prefecture, 'departement', '23', 1) },
  ].filter((s) => !ONLY || ONLY.test(s.name));

  // The API's code warmed once (JIT), as a running server's is, before the first measure.
  await new Promise((done) => autocannon({ url: `${base}/api/indicateurs`, connections: CONNECTIONS, duration: 2, headers: { cookie: anct.cookie } }, done));
  console.log(`\nload: ${CONNECTIONS} concurrent clients, ${DURATION} s per measure, loopback, ${today}`);
  const results = [];
  for (const s of scenarios) {
    const headers = { cookie: s.who.cookie };
    const res = await fetch(`${base}${s.path}`, { headers });
    const body = await res.text();
    if (!res.ok) throw new Error(`${s.path}: ${res.status} ${body}`);
    for (let i = 0; i < 3; i++) await fetch(`${base}${s.path}`, { headers }).then((r) => r.arrayBuffer());
    // The first request after a data change: the whole computation, in one snapshot.
    const cold = [];
    for (let i = 0; i < 3; i++) {
      await touch();
      const t0 = performance.now();
      await fetch(`${base}${s.path}`, { headers }).then((r) => r.arrayBuffer());
      cold.push(performance.now() - t0);
    }
    await touch();
    recording = [];
    await s.run(); // the computation's statements (and the service's reference-data cache warmed, as the route's is)
    const computation = recording;
    recording = [];
    const direct = await s.run();
    const statements = recording;
    recording = null;
    const coldSql = [];
    const single = new pg.Client({ connectionString });
    await single.connect();
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      for (const q of computation) await single.query(q.sql, q.params);
      coldSql.push(performance.now() - t0);
    }
    await single.end();
    const same = JSON.stringify(direct) === body;
    const route = await httpLoad(`${base}${s.path}`, headers);
    const sql = await sqlLoad(connectionString, statements);
    const node = await bareNode(body);
    const med = (a) => [...a].sort((x, y) => x - y)[1].toFixed(0);
    console.log(`\n${s.name}  (${s.path})`);
    console.log(`  after a data change: route ${med(cold)} ms, its ${computation.length} statements alone ${med(coldSql)} ms (median of 3, one client)`);
    console.log(`  route      ${fmt(route)}`);
    console.log(`  bare SQL   ${fmt(sql)}  (${statements.length} statements${same ? '' : '; recorded run body differs from the route'})`);
    console.log(`  bare Node  ${fmt(node)}  (${Math.round(body.length / 1024)} KiB)`);
    const sqlRatio = route.rps / sql.rps;
    console.log(`  ratios     route / bare SQL ${(100 * sqlRatio).toFixed(0)} %   route / bare Node ${((100 * route.rps) / node.rps).toFixed(1)} %`);
    const missed = [];
    if (s.target?.p95 && !(route.p95 < s.target.p95)) missed.push(`p95 ${route.p95.toFixed(1)} ms ≥ ${s.target.p95} ms`);
    if (s.target?.sqlRatio && !(sqlRatio >= s.target.sqlRatio)) missed.push(`route / bare SQL ${(100 * sqlRatio).toFixed(0)} % < ${100 * s.target.sqlRatio} %`);
    if (route.errors) missed.push(`${route.errors} errors`);
    if (s.target || route.errors) console.log(`  target     ${missed.length ? `MISSED: ${missed.join(', ')}` : 'met'}`);
    if (missed.length) exitCode = 1;
    results.push({ name: s.name, route, sql, node, statements: statements.length, cold, coldSql });
  }
  await admin.end();
  await pool.end();
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(results, null, 2));
} catch (error) {
  console.error(error);
  exitCode = 2;
} finally {
  await stopAll();
}
process.exit(exitCode);

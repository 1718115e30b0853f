// Benchmarks the dossiers list (GET /api/pvd: conventions, deadline and lateness, ORT, posts, last
// change) at twice the programme's national size, bounded in time and on loopback only. Starts the
// built API with a fresh embedded PostgreSQL (BENCH_PORT / BENCH_PG_PORT, free ports by default),
// generates the indicators' dataset with 3,600 PVD (generate-indicateurs.mjs) plus conventions
// d'adhésion, conventions « à compléter » and 100 history entries per PVD, then for each scenario:
//   route — the HTTP route, BENCH_CONNECTIONS (8) concurrent clients for BENCH_SECONDS (5) (autocannon);
//   SQL   — the query the built service runs, EXPLAIN ANALYZE (planning and execution time).
// BENCH_ONLY: a regular expression over the scenario names; BENCH_PLAN=1 prints the plans.
// Never part of `npm test`. Usage: npm run build:api && node tests/perf/bench-pvd-list.mjs
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { generateIndicateurs, SIZES } from './generate-indicateurs.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
SIZES.pvd = 3600;

const freePort = () =>
  new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });

const { ListPvdService } = require(resolve(root, 'dist/api/apps/api/src/pvd/list-pvd.service.js'));
const apiPort = Number(process.env.BENCH_PORT ?? (await freePort()));
const pgPort = Number(process.env.BENCH_PG_PORT ?? (await freePort()));
const base = `http://127.0.0.1:${apiPort}`;
const pgDir = resolve(root, process.env.BENCH_PG_DIR ?? '.data/pg-perf-pvd-list');
rmSync(pgDir, { recursive: true, force: true });
const connectionString = `postgres://postgres:postgres@127.0.0.1:${pgPort}/suivi_pvd`;
const startedAt = Date.now();
const server = spawn(process.execPath, ['dist/api/apps/api/src/main.js'], {
  cwd: root,
  env: { ...process.env, PORT: String(apiPort), EMBEDDED_PG_DIR: pgDir, EMBEDDED_PG_PORT: String(pgPort), DATABASE_URL: '', DEMO_SEED: 'true', LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const stop = () => new Promise((done) => (server.exitCode !== null || server.signalCode !== null ? done() : (server.once('exit', done), server.kill('SIGTERM'))));
const hardStop = setTimeout(
  async () => {
    console.error('bench-pvd-list: time limit reached, stopping');
    await stop();
    process.exit(2);
  },
  Number(process.env.BENCH_MAX_MINUTES ?? 15) * 60_000,
);
hardStop.unref();

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

function httpLoad(url, cookie) {
  return new Promise((done, fail) => {
    const latencies = [];
    autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers: { cookie } }, (error, r) => {
      if (error) return fail(error);
      latencies.sort((a, b) => a - b);
      const at = (p) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
      done({ p50: at(50), p95: at(95), rps: r.requests.average, errors: r.errors + r.non2xx });
    }).on('response', (_c, _s, _b, ms) => latencies.push(ms));
  });
}

let exitCode = 0;
try {
  console.log(`API on ${apiPort}, embedded PostgreSQL on ${pgPort}; started in ${await waitHealthy()} ms`);
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
  const { counts } = await generateIndicateurs(db);
  // What the list reads beyond the indicators' dataset: conventions d'adhésion (one in two signed
  // here, one in twenty sent back « à compléter » two months ago) and each dossier's history.
  await db.query(`
    INSERT INTO convention (pvd_id, type, etat, etat_depuis, date_signature)
    SELECT p.id, 'adhesion', CASE WHEN r % 20 = 1 THEN 'a_completer' ELSE 'signee' END, now() - interval '60 days',
           CASE WHEN r % 20 = 1 THEN NULL ELSE p.date_convention_adhesion END
      FROM (SELECT id, date_convention_adhesion, row_number() OVER (ORDER BY id) AS r FROM pvd) p WHERE r % 2 = 1
    ON CONFLICT DO NOTHING;
    INSERT INTO audit_log (at, actor_label, action, entity_type, entity_id, pvd_id)
    SELECT timestamptz '2022-01-01' + (i * 7919 % 1500) * interval '1 day', 'Agent', 'update', 'pvd', p.id::text, p.id
      FROM pvd p CROSS JOIN generate_series(1, 100) AS i`);
  await db.query('VACUUM ANALYZE');
  const [{ audit }] = (await db.query(`SELECT count(*)::int AS audit FROM audit_log`)).rows;
  console.log(`dataset generated in ${Math.round(performance.now() - g0)} ms: ${counts.pvd} PVD, ${counts.postes} posts, ${counts.ort} ORT, ${audit} history rows`);

  // The service as built, over a DataSource that records its statement.
  let recorded = null;
  const service = new ListPvdService({
    query: async (sql, params) => {
      recorded = { sql, params };
      return (await db.query(sql, params)).rows;
    },
  });
  const scenarios = [
    { name: 'national, by name, page 1 (50)', who: anct, query: {} },
    { name: 'national, région 75, late only', who: anct, query: { region: '75', enRetard: 'true' } },
    { name: 'national, last change first', who: anct, query: { tri: '-miseAJour' } },
    { name: 'national, vacant posts, by deadline', who: anct, query: { poste: 'vacant', tri: 'echeance' } },
    { name: 'national, search « saint »', who: anct, query: { q: 'saint' } },
    { name: 'préfecture 23, by name', who: prefecture, query: {} },
  ].filter((s) => !ONLY || ONLY.test(s.name));
  console.log(`\nload: ${CONNECTIONS} concurrent clients, ${DURATION} s per measure, loopback`);
  for (const s of scenarios) {
    const search = new URLSearchParams(s.query).toString();
    const page = await service.list(s.who.user, { ...s.query, page: 1, pageSize: 50 });
    // The plan of a warm run (the third), as a running server's are.
    let plan = [];
    for (let i = 0; i < 3; i++) plan = (await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${recorded.sql}`, recorded.params)).rows.map((r) => r['QUERY PLAN']);
    const timing = plan.filter((l) => /^(Planning|Execution) Time/.test(l)).join(', ');
    const route = await httpLoad(`${base}/api/pvd?${search}`, s.who.cookie);
    console.log(`\n${s.name}  (/api/pvd?${search}): ${page.total} PVD`);
    console.log(`  SQL    ${timing}`);
    console.log(`  route  p50 ${route.p50.toFixed(1)} ms  p95 ${route.p95.toFixed(1)} ms  ${route.rps.toFixed(0)} req/s${route.errors ? `  errors ${route.errors}` : ''}`);
    if (route.errors) exitCode = 1;
    if (process.env.BENCH_PLAN) console.log(plan.map((l) => `    ${l}`).join('\n'));
  }
  for (const format of ['csv', 'xlsx']) {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/pvd/export?format=${format}`, { headers: { cookie: anct.cookie } });
    const bytes = (await res.arrayBuffer()).byteLength;
    console.log(`\nexport ${format} (national, every PVD): ${res.status}, ${Math.round(bytes / 1024)} KiB in ${Math.round(performance.now() - t0)} ms`);
  }
  await db.end();
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await stop();
  process.exit(exitCode);
}

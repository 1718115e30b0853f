// Benchmarks the indicators at twice the programme's national size, against the limit, bounded in
// time and on loopback only. Starts the built API on a free port with a fresh database (on
// BENCH_DATABASE_URL's server, else an embedded PostgreSQL on another free port), generates the dataset (generate-indicateurs.mjs), then for each scenario
// measures at BENCH_CONNECTIONS (16) concurrent clients:
//   route     — the HTTP route through the whole API (autocannon);
//   bare SQL  — the exact SQL statements the route runs (recorded by calling the built service with
//               a recording DataSource), replayed by a bare `pg` loop on as many connections;
//   bare Node — the same JSON body served by a bare node:http server (in a child process).
// Prints p50, p95, req/s and the ratios, and checks the targets. Never part of `npm test`.
import autocannon from 'autocannon';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import pg from 'pg';
import { bareNode, boundRun, CONNECTIONS, DURATION, fmt, httpLoad, root, signIn as signInAs, sqlLoad, startApi, stopAll } from './bench-lib.mjs';
import { generateIndicateurs } from './generate-indicateurs.mjs';

const require = createRequire(import.meta.url);
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
boundRun('bench-indicateurs', Number(process.env.BENCH_MAX_MINUTES ?? 20));

// Loaded now, as the API loads it at its start (a rebuild of dist/ later does not mix versions).
const { IndicateursService } = require(resolve(root, 'dist/api/apps/api/src/indicateurs/indicateurs.service.js'));
let exitCode = 0;
try {
  const { base, connectionString, startMs } = await startApi('perf-indicateurs');
  console.log(`API on ${base}, database ${connectionString.replace(/\/\/[^@]*@/, '//')}; started in ${startMs} ms`);
  const signIn = (email) => signInAs(base, email);
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

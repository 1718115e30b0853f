// Benchmarks every list, total and dossier route at twice the programme's national size, against the
// limit, bounded in time and on loopback only (issue 17's table). One command:
//   npm run bench:routes      (BENCH_DATABASE_URL=postgres://… to use a PostgreSQL server of your own)
// Starts the built API (fresh database, demo data) with SQL recording on, then:
//   1. generates one national size on top of the demo (generate-indicateurs.mjs, tag A) and measures
//      the per-dossier routes;
//   2. generates a second national size (tag B): about 3,600 PVD, 3,400 posts, 10,000 missions,
//      105,000 financing lines, 1,360 habitat operations and 1,000,000 audit rows in all;
//   3. measures every route at BENCH_CONNECTIONS (16) clients: the route (autocannon), the same SQL
//      alone (the statements the API ran for one request, recorded by it and replayed by bare `pg`
//      clients), and a bare Node server serving the same body; then each per-dossier route's ratio to
//      step 1, and the dossier page's first screen (its one call, the aperçu, and in turn with it the calls the page made before; one client).
// Prints p50, p95, req/s and the ratios; checks the targets (lists and totals p95 < 100 ms, a dossier
// read p95 < 15 ms, first screen < 50 ms, per-dossier routes < 1.2× when the nation doubles) and exits
// 1 when one is missed. BENCH_SECONDS (5), BENCH_ONLY (a regular expression over route names),
// BENCH_JSON (a file for the figures), BENCH_MAX_MINUTES (30). Never part of `npm test`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { bareNode, boundRun, CONNECTIONS, eventLoopDelay, fmt, fmtLoop, httpLoad, signIn, sqlLoad, startApi, stopAll } from './bench-lib.mjs';
import { generateIndicateurs } from './generate-indicateurs.mjs';

const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
boundRun('bench-routes', Number(process.env.BENCH_MAX_MINUTES ?? 30));
/** One national size: twice is what the routes are measured at. */
const HALF = { pvd: 1650, postesSur20: 19, missions: 5000, lignes: 52800, operations: 680, audit: 500_000 };

const recordDir = mkdtempSync(join(tmpdir(), 'bench-routes-sql-'));
let exitCode = 0;
let recorded = 0;

/** The statements the API ran for one request of `path` (it writes them on the request's end). */
async function recordSql(base, path, cookie) {
  const name = `r${++recorded}`;
  const res = await fetch(`${base}${path}`, { headers: { cookie, 'x-bench-record-sql': name } });
  const body = await res.text();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${body.slice(0, 300)}`);
  for (let i = 0; i < 50; i++) {
    try {
      return { body, statements: JSON.parse(readFileSync(join(recordDir, `${name}.json`), 'utf8')) };
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  throw new Error(`${path}: no SQL recorded`);
}

async function generate(connectionString, tag) {
  const db = new pg.Client({ connectionString });
  await db.connect();
  const t0 = performance.now();
  const { counts } = await generateIndicateurs(db, { sizes: HALF, tag });
  await db.end();
  console.log(`dataset ${tag} generated in ${Math.round(performance.now() - t0)} ms: ${JSON.stringify(counts)}`);
}

try {
  const { base, connectionString, startMs } = await startApi('perf-routes', { BENCH_RECORD_SQL_DIR: recordDir });
  console.log(`API on ${base}, database ${connectionString.replace(/\/\/[^@]*@/, '//')}; started in ${startMs} ms`);
  const anct = await signIn(base, 'anct@demo.test');
  const prefecture = await signIn(base, 'prefecture.creuse@demo.test');
  const admin = await signIn(base, 'admin@demo.test');
  const db = new pg.Client({ connectionString });
  await db.connect();
  // The demo dossier of the Creuse with the most financing lines: a dossier with data in every section
  // (ties broken by its programme id, so that every run reads the same dossier).
  const [dossier] = (
    await db.query(`SELECT p.id FROM pvd p JOIN pvd_commune pc ON pc.pvd_id = p.id JOIN commune c ON c.insee = pc.commune_insee
                     WHERE c.departement_code = '23' AND p.id_pvd NOT LIKE 'bench-%'
                     ORDER BY (SELECT count(*) FROM ligne_financement l WHERE l.beneficiaire_code = c.insee) DESC, p.id_pvd LIMIT 1`)
  ).rows;
  await db.end();
  const id = dossier.id;

  // The dossier page's first screen is one call (the aperçu); each other section loads when opened.
  const dossierRoutes = [
    { name: 'dossier: first screen (aperçu)', path: `/api/pvd/${id}/dossier/apercu`, who: prefecture, firstScreen: true },
    { name: 'dossier: summary', path: `/api/pvd/${id}/dossier`, who: prefecture, formerFirstScreen: true },
    { name: 'dossier: posts', path: `/api/pvd/${id}/postes`, who: prefecture, formerFirstScreen: true },
    { name: 'dossier: ORT', path: `/api/pvd/${id}/ort`, who: prefecture, formerFirstScreen: true },
    { name: 'dossier: schemes', path: `/api/pvd/${id}/demarches`, who: prefecture, formerFirstScreen: true },
    { name: 'dossier: membership', path: `/api/pvd/${id}/adhesions`, who: prefecture, formerFirstScreen: true },
    { name: 'dossier: history', path: `/api/pvd/${id}/historique?page=1`, who: prefecture },
    { name: 'dossier: financing section', path: `/api/financements/lignes?pvdId=${id}&pageSize=10`, who: prefecture, formerFirstScreen: true },
    { name: 'dossier: missions', path: `/api/missions?pvdId=${id}`, who: prefecture, formerFirstScreen: true },
    { name: 'dossier: habitat operations', path: `/api/operations-habitat?pvdId=${id}`, who: prefecture, formerFirstScreen: true },
  ].map((r) => ({ ...r, target: { p95: 15 } }));
  const listRoutes = [
    { name: 'PVD list (national)', path: '/api/pvd?page=1', who: anct },
    { name: 'PVD list (département 23)', path: '/api/pvd?page=1', who: prefecture },
    { name: 'work list (préfecture 23)', path: '/api/conventions/a-traiter', who: prefecture },
    { name: 'post alerts (national)', path: '/api/postes/alertes', who: anct },
    { name: 'post alerts (préfecture 23)', path: '/api/postes/alertes', who: prefecture },
    { name: 'financing lines (national, page 1)', path: '/api/financements/lignes?page=1', who: anct },
    { name: 'financing lines (national, page 200)', path: '/api/financements/lignes?page=200', who: anct },
    { name: 'missions (national)', path: '/api/missions?page=1', who: anct },
    { name: 'habitat operations (national)', path: '/api/operations-habitat?page=1', who: anct },
    { name: 'ORT (national)', path: '/api/orts?page=1', who: anct },
    { name: 'security journal (page 1)', path: '/api/journal?page=1', who: admin },
    // Deep in the log by cursor (the page number is bounded; deeper pages are read by keyset): the
    // `avant` of the 10,000th page, set once the dataset is generated.
    { name: 'security journal (page 10,000, by cursor)', path: '/api/journal?avant=', who: admin, deepJournal: true },
    { name: 'security journal (page 100, by number)', path: '/api/journal?page=100', who: admin },
    { name: 'accounts', path: '/api/comptes?page=1', who: admin },
  ].map((r) => ({ ...r, target: { p95: 100 } }));
  const selected = (routes) => routes.filter((r) => !ONLY || ONLY.test(r.name));

  const single = async (r, times = 5) => {
    const ms = [];
    for (let i = 0; i < times; i++) {
      const t0 = performance.now();
      await fetch(`${base}${r.path}`, { headers: { cookie: r.who.cookie } }).then((res) => res.arrayBuffer());
      ms.push(performance.now() - t0);
    }
    return ms.sort((a, b) => a - b)[Math.floor(times / 2)];
  };
  const measure = async (r, withReferences) => {
    await single(r, 3); // warmed, as a running server is
    await eventLoopDelay(base);
    const route = await httpLoad(`${base}${r.path}`, { cookie: r.who.cookie });
    const loop = await eventLoopDelay(base);
    if (!withReferences) return { route, loop };
    const { body, statements } = await recordSql(base, r.path, r.who.cookie);
    const sql = await sqlLoad(connectionString, statements);
    const node = await bareNode(body);
    return { route, loop, sql, node, statements: statements.length, kib: Math.round(body.length / 1024) };
  };

  await generate(connectionString, 'A');
  console.log(`\nper-dossier routes at one national size (${CONNECTIONS} clients)`);
  const atOne = new Map();
  for (const r of selected(dossierRoutes)) {
    const { route } = await measure(r, false);
    atOne.set(r.name, route);
    console.log(`  ${r.name.padEnd(38)} ${fmt(route)}`);
  }

  await generate(connectionString, 'B');
  {
    const db = new pg.Client({ connectionString });
    await db.connect();
    const [{ id: deep }] = (await db.query('SELECT id::text FROM audit_log ORDER BY id DESC OFFSET 499949 LIMIT 1')).rows;
    await db.end();
    for (const r of listRoutes) if (r.deepJournal) r.path = `/api/journal?avant=${deep}`;
  }
  console.log(`\nat twice the national size (${CONNECTIONS} clients)`);
  const results = [];
  for (const r of [...selected(listRoutes), ...selected(dossierRoutes)]) {
    const m = await measure(r, true);
    const missed = [];
    if (!(m.route.p95 < r.target.p95)) missed.push(`p95 ${m.route.p95.toFixed(1)} ms ≥ ${r.target.p95} ms`);
    const before = atOne.get(r.name);
    const growth = before ? m.route.p50 / before.p50 : null;
    if (growth !== null && growth >= 1.2) missed.push(`${growth.toFixed(2)}× slower than at one national size`);
    if (m.route.errors) missed.push(`${m.route.errors} errors`);
    if (!(m.loop.ownMs < 100)) missed.push(`event loop held ${m.loop.ownMs.toFixed(0)} ms of CPU at once`);
    console.log(`\n${r.name}  (${r.path})`);
    console.log(`  route      ${fmt(m.route)}`);
    console.log(`  API loop   ${fmtLoop(m.loop)}`);
    console.log(`  bare SQL   ${fmt(m.sql)}  (${m.statements} statements)`);
    console.log(`  bare Node  ${fmt(m.node)}  (${m.kib} KiB)`);
    console.log(`  ratios     route / bare SQL ${((100 * m.route.rps) / m.sql.rps).toFixed(0)} %   route / bare Node ${((100 * m.route.rps) / m.node.rps).toFixed(1)} %${growth ? `   p50 vs one national size ${growth.toFixed(2)}×` : ''}`);
    console.log(`  target     ${missed.length ? `MISSED: ${missed.join(', ')}` : 'met'}`);
    if (missed.length) exitCode = 1;
    results.push({ name: r.name, path: r.path, ...m, growth });
  }
  const first = selected(dossierRoutes).filter((r) => r.firstScreen);
  if (first.length) {
    // Beside it, the calls the page made before the aperçu (one per section), measured in turn with
    // it, so that both see the same load.
    const former = selected(dossierRoutes).filter((r) => r.formerFirstScreen);
    const now = [];
    const before = [];
    for (let i = 0; i < 5; i++) {
      let t = 0;
      for (const r of first) t += await single(r, 1);
      now.push(t);
      t = 0;
      for (const r of former) t += await single(r, 1);
      before.push(t);
    }
    const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const total = median(now);
    const ok = total < 50;
    console.log(`\ndossier page, first screen: ${first.length} call(s) in turn, ${total.toFixed(1)} ms of API time (target < 50 ms: ${ok ? 'met' : 'MISSED'})`);
    if (former.length) console.log(`  before the aperçu: ${former.length} calls in turn, ${median(before).toFixed(1)} ms of API time, measured alternately`);
    if (!ok) exitCode = 1;
    results.push({ name: 'dossier first screen', calls: first.length, ms: total, formerCalls: former.length, formerMs: former.length ? median(before) : null });
  }
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(results, null, 2));
} catch (error) {
  console.error(error);
  exitCode = 2;
} finally {
  await stopAll();
  rmSync(recordDir, { recursive: true, force: true });
}
process.exit(exitCode);

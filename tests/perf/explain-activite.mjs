// The activity feeds at twice national size (issue 18): builds the indicators dataset (a million
// audit rows over 3,300 PVD, generate-indicateurs.mjs) on a fresh database, then prints the plan and
// time of the first page of the national, a région's and a département's feed (the statement the
// API runs), of the authors' list, and the API's time for the ANCT and a préfecture.
// Ports: BENCH_API_PORT (API), BENCH_PG_PORT (embedded PostgreSQL). Run `npm run build:api` first.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { root, signIn } from './bench-lib.mjs';
import { generateIndicateurs } from './generate-indicateurs.mjs';

const apiPort = Number(process.env.BENCH_API_PORT ?? 5673);
const pgPort = Number(process.env.BENCH_PG_PORT ?? 5671);
const pgDir = resolve(root, '.data/pg-perf-activite');
rmSync(pgDir, { recursive: true, force: true });
const connectionString = `postgres://postgres:postgres@127.0.0.1:${pgPort}/suivi_pvd`;
const child = spawn(process.execPath, ['dist/api/apps/api/src/main.js'], {
  cwd: root,
  env: { ...process.env, PORT: String(apiPort), DEMO_SEED: 'true', LOG_LEVEL: 'warn', DATABASE_URL: '', EMBEDDED_PG_DIR: pgDir, EMBEDDED_PG_PORT: String(pgPort) },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${apiPort}`;
const KINDS = ['convention', 'document', 'pvd_contact', 'pvd', 'poste', 'demande_cofinancement', 'mission', 'ligne_financement', 'operation_habitat', 'ort', 'demarche_participation'];
const PAGE = `SELECT a.id, a.at, a.actor_id, a.actor_label, a.action, a.entity_type, a.entity_id, a.before, a.after, a.pvd_id, a.departement_code FROM audit_log a`;

try {
  for (let started = Date.now(); ; ) {
    if (child.exitCode !== null) throw new Error('the API exited');
    if (Date.now() - started > 240_000) throw new Error('API did not become healthy');
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  const db = new pg.Client({ connectionString });
  await db.connect();
  const g0 = performance.now();
  const { counts } = await generateIndicateurs(db);
  console.log(`dataset in ${Math.round(performance.now() - g0)} ms: ${JSON.stringify(counts)}`);
  const [{ dep, n: depRows }] = (await db.query(`SELECT departement_code AS dep, count(*)::int AS n FROM audit_log WHERE pvd_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1`)).rows;
  const [{ reg, n: regRows }] = (await db.query(`SELECT region_code AS reg, count(*)::int AS n FROM audit_log WHERE pvd_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1`)).rows;
  const [{ dep: small, n: smallRows }] = (await db.query(`SELECT departement_code AS dep, count(*)::int AS n FROM audit_log WHERE pvd_id IS NOT NULL GROUP BY 1 ORDER BY 2 LIMIT 1`)).rows;
  console.log(`largest département ${dep}: ${depRows} rows; smallest ${small}: ${smallRows} rows; largest région ${reg}: ${regRows} rows`);
  const explain = async (name, sql, params) => {
    await db.query(sql, params); // warm
    const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    const plan = rows.map((r) => r['QUERY PLAN']);
    console.log(`\n== ${name}: ${plan.find((l) => l.startsWith('Execution Time'))}`);
    console.log(plan.map((l) => `   ${l}`).join('\n'));
  };
  await explain('national, first page', `${PAGE} WHERE a.pvd_id IS NOT NULL AND a.entity_type = ANY($1::text[]) ORDER BY a.id DESC LIMIT 50`, [KINDS]);
  await explain('national, page 2000 deep by cursor', `${PAGE} WHERE a.pvd_id IS NOT NULL AND a.entity_type = ANY($1::text[]) AND a.id < $2::bigint ORDER BY a.id DESC LIMIT 50`, [KINDS, 900000]);
  await explain(`département ${dep}, first page`, `${PAGE} WHERE a.pvd_id IS NOT NULL AND a.departement_code = $2 AND a.entity_type = ANY($1::text[]) ORDER BY a.id DESC LIMIT 50`, [KINDS, dep]);
  await explain(`département ${small}, first page`, `${PAGE} WHERE a.pvd_id IS NOT NULL AND a.departement_code = $2 AND a.entity_type = ANY($1::text[]) ORDER BY a.id DESC LIMIT 50`, [KINDS, small]);
  await explain(`département ${small}, a page deep by cursor`, `${PAGE} WHERE a.pvd_id IS NOT NULL AND a.departement_code = $2 AND a.entity_type = ANY($1::text[]) AND a.id < $3::bigint ORDER BY a.id DESC LIMIT 50`, [KINDS, small, 300000]);
  await explain(`département ${dep}, a calendar month`, `${PAGE} WHERE a.pvd_id IS NOT NULL AND a.departement_code = $2 AND a.entity_type = ANY($1::text[]) AND a.at >= ('2022-03-01'::date::timestamp AT TIME ZONE 'Europe/Paris') AND a.at < ('2022-04-01'::date::timestamp AT TIME ZONE 'Europe/Paris') ORDER BY a.id DESC LIMIT 50`, [KINDS, dep]);
  await explain(`région ${reg}, first page`, `${PAGE} WHERE a.pvd_id IS NOT NULL AND a.region_code = $2 AND a.entity_type = ANY($1::text[]) ORDER BY a.id DESC LIMIT 50`, [KINDS, reg]);
  await explain(`département ${dep}, authors`, `SELECT DISTINCT a.actor_id::text AS id FROM audit_log a WHERE a.pvd_id IS NOT NULL AND a.departement_code = $2 AND a.entity_type = ANY($1::text[]) AND a.actor_id IS NOT NULL LIMIT 2000`, [KINDS, dep]);
  await explain('national, authors (loose index scan)', `WITH RECURSIVE actors(id) AS (
           (SELECT actor_id FROM audit_log WHERE pvd_id IS NOT NULL AND actor_id IS NOT NULL ORDER BY actor_id LIMIT 1)
           UNION ALL
           SELECT (SELECT a2.actor_id FROM audit_log a2 WHERE a2.pvd_id IS NOT NULL AND a2.actor_id > actors.id ORDER BY a2.actor_id LIMIT 1)
             FROM actors WHERE actors.id IS NOT NULL)
         SELECT id::text FROM actors WHERE id IS NOT NULL LIMIT 2000`, []);
  await db.end();
  // The API, whole: median of 7 requests after one warm-up.
  const timed = async (who, path) => {
    const times = [];
    for (let i = 0; i < 8; i++) {
      const t0 = performance.now();
      const res = await fetch(`${base}${path}`, { headers: { cookie: who.cookie } });
      if (!res.ok) throw new Error(`${path}: ${res.status}`);
      await res.arrayBuffer();
      if (i > 0) times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`API ${path}: median ${times[3].toFixed(1)} ms`);
  };
  const anct = await signIn(base, 'anct@demo.test');
  await timed(anct, '/api/activite');
  await timed(anct, `/api/activite?departement=${dep}`);
  await timed(anct, `/api/activite?region=${reg}`);
  const prefecture = await signIn(base, 'prefecture.creuse@demo.test');
  await timed(prefecture, '/api/activite');
  await timed(anct, `/api/activite?departement=${small}`);
} finally {
  child.kill('SIGTERM');
}

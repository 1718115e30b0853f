// Benchmarks the API at national scale, on this machine's loopback only, bounded in time.
// Starts the built API on a free port with a fresh database (BENCH_DATABASE_URL's server, else an
// embedded PostgreSQL on a free port), then measures:
// start time (référentiel load included), the national PVD list import (first run and re-run),
// and the read endpoints under load with autocannon. Prints p50/p97.5/p99 latencies and throughput.
import autocannon from 'autocannon';
import pg from 'pg';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { eventLoopDelay, fmtLoop, root, startApi, stopAll } from './bench-lib.mjs';
import { generateConventions } from './generate-conventions.mjs';
import { generateIngenierie } from './generate-ingenierie.mjs';
import { generateThematique } from './generate-thematique.mjs';
import { generatePvdList } from './generate-pvd-list.mjs';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
// The built API on a free port and a fresh database (BENCH_DATABASE_URL's server, or an embedded one).
const { base, connectionString, startMs } = await startApi('perf');
const stop = stopAll;

async function load(title, path, cookie) {
  await eventLoopDelay(base);
  const r = await new Promise((done, fail) =>
    autocannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: DURATION, headers: { cookie } }, (error, result) => (error ? fail(error) : done(result))),
  );
  const loop = await eventLoopDelay(base);
  const errors = r.errors + r.non2xx;
  console.log(
    `${title.padEnd(34)} p50 ${String(r.latency.p50).padStart(4)} ms  p97.5 ${String(r.latency.p97_5).padStart(4)} ms  ` +
      `p99 ${String(r.latency.p99).padStart(4)} ms  ${Math.round(r.requests.average).toString().padStart(5)} req/s  errors ${errors}  ${fmtLoop(loop)}`,
  );
  return r;
}

try {
  console.log(`cold start (initdb, migrations, référentiel, demo seed): ${startMs} ms`);
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'suivi-pvd' },
    body: JSON.stringify({ email: 'anct@demo.test', password: 'demo-pvd-2026' }),
  });
  const cookie = login.headers.get('set-cookie').split(';')[0];

  const { csv, pvds, lines } = generatePvdList();
  for (const run of ['first import', 're-import (no change)']) {
    const form = new FormData();
    form.append('fichier', new Blob([csv], { type: 'text/csv' }), 'pvd-national.csv');
    await eventLoopDelay(base);
    const t0 = performance.now();
    const res = await fetch(`${base}/api/pvd/imports`, { method: 'POST', headers: { cookie, 'x-requested-with': 'suivi-pvd' }, body: form });
    const body = await res.json();
    console.log(
      `${run.padEnd(22)} ${lines} lines, ${pvds} PVDs: ${Math.round(performance.now() - t0)} ms ` +
        `(created ${body.created}, updated ${body.updated}, unchanged ${body.unchanged}, rejected ${body.rejected}), ${fmtLoop(await eventLoopDelay(base))}`,
    );
  }

  const db = new pg.Client({ connectionString });
  db.on('error', () => {}); // the server stops at the end; its connection with it
  await db.connect();
  const t1 = performance.now();
  const generated = await generateConventions(db);
  console.log(`conventions generated: ${generated.total} (${generated.cadres} convention-cadres) in ${Math.round(performance.now() - t1)} ms`);
  const t2 = performance.now();
  const ingenierie = await generateIngenierie(db);
  console.log(
    `engineering generated: ${ingenierie.postes} posts, ${ingenierie.titulaires} holders, ${ingenierie.demandes} yearly requests, ${ingenierie.missions} missions in ${Math.round(performance.now() - t2)} ms`,
  );
  const t3 = performance.now();
  const thematique = await generateThematique(db);
  console.log(
    `thematic generated: ${thematique.lignes} financing lines, ${thematique.operations} habitat operations over ${thematique.communes} communes in ${Math.round(performance.now() - t3)} ms`,
  );
  const [{ poste, postePvd }] = (
    await db.query(`SELECT po.id AS poste, po.pvd_id AS "postePvd" FROM poste po JOIN pvd_commune pc ON pc.pvd_id = po.pvd_id
                     WHERE pc.commune_insee LIKE '23%' AND po.operation_type = 'opah_ru' ORDER BY po.id LIMIT 1`)
  ).rows;
  const [{ pvd, convention }] = (
    await db.query(`SELECT k.pvd_id AS pvd, k.id AS convention FROM convention k JOIN pvd_commune pc ON pc.pvd_id = k.pvd_id
                     WHERE pc.commune_insee LIKE '23%' AND k.type = 'cadre' ORDER BY k.id LIMIT 1`)
  ).rows;
  await db.end();
  const signIn = async (email) =>
    (
      await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'suivi-pvd' },
        body: JSON.stringify({ email, password: 'demo-pvd-2026' }),
      })
    ).headers
      .get('set-cookie')
      .split(';')[0];
  const prefecture = await signIn('prefecture.creuse@demo.test');
  const partner = await signIn('partenaire@demo.test');

  // The subsidy computation alone (the same function runs in the browser as the user types).
  const require = createRequire(import.meta.url);
  const { computeSubvention } = require(resolve(root, 'dist/api/libs/domain/src/ingenierie/subsidy.rules.js'));
  const input = {
    titulaires: [
      { debut: '2021-03-01', fin: '2024-06-30', quotite: 100 },
      { debut: '2024-10-01', fin: null, quotite: 80 },
    ],
    coutsAnnuels: [2021, 2022, 2023, 2024, 2025, 2026].map((annee) => ({ annee, cout: 6_000_000 })),
    cofinanceurs: [{ financeur: 'etat', debut: null, fin: null }, { financeur: 'anah', debut: null, fin: null }],
    operationHabitat: { type: 'opah_ru', debut: '2022-09-01', fin: null },
    parametres: { plafond_poste: [{ dateEffet: '2020-10-01', valeur: 45000 }, { dateEffet: '2025-07-01', valeur: 50000 }] },
  };
  for (let i = 0; i < 20; i++) computeSubvention(input);
  const runs = 500;
  const c0 = performance.now();
  for (let i = 0; i < runs; i++) computeSubvention(input);
  console.log(`computeSubvention, 6 years, 2 holders, Anah, a mid-year parameter change: ${((performance.now() - c0) / runs).toFixed(2)} ms per call`);

  console.log(`\nload: ${CONNECTIONS} connections, ${DURATION} s each, loopback`);
  await load('GET /api/health', '/api/health', cookie);
  await load('GET /api/communes?q=saint', '/api/communes?q=saint', cookie);
  await load('GET /api/communes?q=ville (substring)', '/api/communes?q=ville', cookie);
  await load('GET /api/communes?q=230 (code)', '/api/communes?q=230', cookie);
  await load('GET /api/communes/23001', '/api/communes/23001', cookie);
  await load('GET /api/conventions/a-traiter (préf.)', '/api/conventions/a-traiter', prefecture);
  await load('GET /api/pvd/:id/dossier', `/api/pvd/${pvd}/dossier`, cookie);
  await load('GET /api/conventions/:id', `/api/conventions/${convention}`, cookie);
  await load('GET /api/pvd/:id/historique', `/api/pvd/${pvd}/historique`, cookie);
  await load('GET /api/pvd (national, 50/page)', '/api/pvd', cookie);
  await load('GET /api/postes/:id', `/api/postes/${poste}`, prefecture);
  await load('GET /api/pvd/:id/postes', `/api/pvd/${postePvd}/postes`, prefecture);
  await load('GET /api/postes/alertes (préf.)', '/api/postes/alertes', prefecture);
  await load('GET /api/postes/alertes (national)', '/api/postes/alertes', cookie);
  await load('GET /api/missions (partner, national)', '/api/missions', partner);
  await load('GET /api/missions?q=commerce (ANCT)', '/api/missions?q=commerce', cookie);
  await load('GET /api/financements/lignes (national)', '/api/financements/lignes', cookie);
  await load('GET /api/financements/lignes (préf.)', '/api/financements/lignes', prefecture);
  await load('GET /api/operations-habitat (national)', '/api/operations-habitat', cookie);
  for (const format of ['csv', 'xlsx']) {
    await eventLoopDelay(base);
    const e0 = performance.now();
    const res = await fetch(`${base}/api/financements/lignes/export?format=${format}`, { headers: { cookie } });
    const bytes = (await res.arrayBuffer()).byteLength;
    console.log(`export ${format} (national, every line): ${res.status}, ${Math.round(bytes / 1024)} KiB in ${Math.round(performance.now() - e0)} ms, ${fmtLoop(await eventLoopDelay(base))}`);
  }
} finally {
  await stop();
}

// Checks that a partner import survives a kill -9 of the API mid-file (issue 13, part 7).
// Starts the built API on its own port with a fresh embedded PostgreSQL (demo data), signs in as
// the demo partner, uploads a 20,000-line CSV, kills the API with SIGKILL while the job applies
// the lines, starts the API again on the same data folder, and waits for the import to finish.
// Then checks the import's counts and, in the database, that every line was written exactly once.
// Exits 1 when a check fails. Bounded: every wait has a deadline, the server is stopped at the end.
// Build first: `npm run build:api`. Not part of `npm test` (about two minutes: the job's retry
// delay after the crash is 30 to 60 s).
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PORT = Number(process.env.CHECK_PORT ?? 3217);
const PG_PORT = process.env.CHECK_PG_PORT ?? '54337';
const LINES = Number(process.env.CHECK_LINES ?? 20_000);
const base = `http://127.0.0.1:${PORT}`;
const pgDir = resolve(root, process.env.CHECK_PG_DIR ?? '.data/pg-check-kill9');
rmSync(pgDir, { recursive: true, force: true });

const t0 = Date.now();
const at = () => `${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s`;
const log = (message) => console.log(`${at()}  ${message}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let server = null;
function startApi() {
  server = spawn(process.execPath, ['dist/api/apps/api/src/main.js'], {
    cwd: root,
    env: { ...process.env, PORT: String(PORT), EMBEDDED_PG_DIR: pgDir, EMBEDDED_PG_PORT: PG_PORT, DATABASE_URL: '', DEMO_SEED: 'true', LOG_LEVEL: 'warn', WEB_DIST_DIR: '/nonexistent' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return server;
}
const stopApi = () => new Promise((done) => (!server || server.exitCode !== null || server.signalCode !== null ? done() : (server.once('exit', done), server.kill('SIGTERM'))));

async function waitHealthy(timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      /* not yet */
    }
    await sleep(200);
  }
  throw new Error('API did not become healthy');
}

const failures = [];
const check = (ok, what) => {
  log(`${ok ? 'OK  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

try {
  startApi();
  await waitHealthy();
  log(`API up (pid ${server.pid})`);
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'suivi-pvd' },
    body: JSON.stringify({ email: 'partenaire@demo.test', password: 'demo-pvd-2026' }),
  });
  if (!login.ok) throw new Error(`login: ${login.status}`);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const communes = [];
  for (const q of ['saint', 'sur', 'le', 'la']) {
    const res = await fetch(`${base}/api/communes?q=${q}&pageSize=100`, { headers: { cookie } });
    communes.push(...((await res.json()).items ?? []).map((c) => c.insee));
  }
  const run = Date.now().toString(36);
  const prefix = `K9-${run}`;
  const lines = Array.from({ length: LINES }, (_, i) => `${prefix}-${i};${i % 2 ? 'bdt_pret_renouvellement' : 'bdt_ingenierie'};${communes[i % communes.length]};Projet ${i};${1000 + i},50;engagé;15/01/2024;15/03/2024`);
  const csv = Buffer.from(['reference;dispositif;beneficiaire;projet;montant;statut;date_demande;date_engagement', ...lines].join('\n'));

  const form = new FormData();
  form.append('type', 'financements');
  form.append('fichier', new Blob([csv]), 'kill9.csv');
  const posted = await fetch(`${base}/api/imports-partenaires`, { method: 'POST', headers: { cookie, 'x-requested-with': 'suivi-pvd' }, body: form });
  const created = await posted.json();
  check(posted.status === 202, `upload answered ${posted.status} (${created.statut}, ${created.totalLignes} lines)`);
  const report = async () => (await fetch(`${base}/api/imports-partenaires/${created.id}`, { headers: { cookie } })).json();

  // Mid-file: the job is applying the lines (some written in its open transaction).
  let seen;
  const midDeadline = Date.now() + 120_000;
  do {
    await sleep(20);
    seen = await report();
  } while (!(seen.statut === 'en_cours' && seen.lignesTraitees > 0) && seen.statut !== 'termine' && Date.now() < midDeadline);
  check(seen.statut === 'en_cours', `mid-file before the kill: ${seen.statut}, ${seen.lignesTraitees} of ${seen.totalLignes} lines processed`);
  server.kill('SIGKILL');
  await new Promise((r) => (server.exitCode !== null || server.signalCode !== null ? r() : server.once('exit', r)));
  log(`API killed with SIGKILL (signal ${server.signalCode})`);

  startApi();
  await waitHealthy();
  log(`API up again (pid ${server.pid})`);
  const afterRestart = await report();
  log(`import after restart: ${afterRestart.statut}, ${afterRestart.lignesTraitees} lines processed`);
  let done;
  const deadline = Date.now() + 300_000;
  do {
    await sleep(500);
    done = await report();
  } while (done.statut !== 'termine' && done.statut !== 'echoue' && Date.now() < deadline);
  log(`import finished: ${JSON.stringify({ statut: done.statut, totalLignes: done.totalLignes, crees: done.crees, misAJour: done.misAJour, inchanges: done.inchanges, rejetes: done.rejetes, erreur: done.erreur })}`);
  check(done.statut === 'termine', 'the import completes after the restart');
  check(done.totalLignes === LINES && done.crees === LINES && done.rejetes === 0 && done.misAJour === 0 && done.inchanges === 0, `counts: ${LINES} lines, all created`);

  const db = new pg.Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${PG_PORT}/suivi_pvd` });
  await db.connect();
  try {
    const { rows: [stored] } = await db.query(`SELECT count(*)::int AS n, count(DISTINCT reference_externe)::int AS refs FROM ligne_financement WHERE reference_externe LIKE $1`, [`${prefix}-%`]);
    check(stored.n === LINES && stored.refs === LINES, `stored lines: ${stored.n}, distinct references: ${stored.refs}`);
    const { rows: [job] } = await db.query(`SELECT state::text AS state, retry_count, output FROM pgboss.job WHERE singleton_key = $1 UNION ALL SELECT state::text, retry_count, output FROM pgboss.archive WHERE singleton_key = $1`, [created.id]);
    log(`job: ${JSON.stringify(job)}`);
    check(job?.state === 'completed' && job.retry_count >= 1, 'the job completed on a later attempt');
    const { rows: [file] } = await db.query('SELECT count(*)::int AS n FROM import_partenaire_fichier WHERE import_id = $1', [created.id]);
    check(file.n === 0, 'the stored file is deleted once applied');
  } finally {
    await db.end();
  }
} catch (error) {
  failures.push(String(error));
  console.error(error);
} finally {
  await stopApi();
}
log(failures.length === 0 ? 'kill -9 check passed' : `kill -9 check FAILED: ${failures.join('; ')}`);
process.exit(failures.length === 0 ? 0 : 1);

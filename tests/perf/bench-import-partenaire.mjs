// Benchmarks a partner's bulk import of 50,000 financing lines, on this machine's loopback only.
// Starts the built API on its own port with a fresh embedded PostgreSQL (demo data), signs in as
// the demo partner (Banque des Territoires), uploads a generated CSV in French formats, polls the
// import until it is finished, then re-imports the same file (nothing changes) and an updated one
// (one line in ten changes). Prints the duration of each run. Build first: `npm run build:api`.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PORT = Number(process.env.BENCH_PORT ?? 3210);
const PG_PORT = process.env.BENCH_PG_PORT ?? '54333';
const LINES = Number(process.env.BENCH_LINES ?? 50_000);
const base = `http://127.0.0.1:${PORT}`;

const pgDir = resolve(root, process.env.BENCH_PG_DIR ?? '.data/pg-perf-import');
rmSync(pgDir, { recursive: true, force: true });
const startedAt = Date.now();
const server = spawn(process.execPath, ['dist/api/apps/api/src/main.js'], {
  cwd: root,
  env: { ...process.env, PORT: String(PORT), EMBEDDED_PG_DIR: pgDir, EMBEDDED_PG_PORT: PG_PORT, DATABASE_URL: '', DEMO_SEED: 'true', LOG_LEVEL: 'warn', WEB_DIST_DIR: '/nonexistent' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const stop = () => new Promise((done) => (server.exitCode !== null ? done() : (server.once('exit', done), server.kill('SIGTERM'))));

async function waitHealthy(timeoutMs = 180_000) {
  while (Date.now() - startedAt < timeoutMs) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return Date.now() - startedAt;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('API did not become healthy');
}

/** 50,000 lines over real communes, as a spreadsheet exports them: BOM, `;`, `1 234,56`, `31/12/2023`. */
function generate(communes, bump) {
  const header = 'référence;dispositif;bénéficiaire;projet;montant;statut;date_demande;date_engagement;annee_campagne;source';
  const lines = [header];
  for (let i = 0; i < LINES; i++) {
    const euros = 1000 + i + (bump && i % 10 === 0 ? 1 : 0);
    const montant = `${euros.toLocaleString('fr-FR').replace(/\u202f/g, ' ')},${String(i % 100).padStart(2, '0')}`;
    const dispositif = i % 2 ? 'bdt_pret_renouvellement' : 'bdt_ingenierie';
    lines.push(`BENCH-${i};${dispositif};${communes[i % communes.length]};Projet n° ${i};${montant};engagé;15/01/2024;${String(1 + (i % 28)).padStart(2, '0')}/03/2024;2024;Extraction SI`);
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

async function run(cookie, title, csv) {
  const form = new FormData();
  form.append('type', 'financements');
  form.append('fichier', new Blob([csv], { type: 'text/csv' }), 'bench.csv');
  const t0 = performance.now();
  const res = await fetch(`${base}/api/imports-partenaires`, { method: 'POST', headers: { cookie, 'x-requested-with': 'suivi-pvd' }, body: form });
  if (res.status !== 202) throw new Error(`upload: ${res.status} ${await res.text()}`);
  const { id } = await res.json();
  const accepted = Math.round(performance.now() - t0);
  let body;
  let polls = 0;
  for (;;) {
    body = await (await fetch(`${base}/api/imports-partenaires/${id}`, { headers: { cookie } })).json();
    polls++;
    if (body.statut === 'termine' || body.statut === 'echoue') break;
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(
    `${title.padEnd(24)} ${body.totalLignes} lines: ${Math.round(performance.now() - t0)} ms (202 after ${accepted} ms, ${polls} polls) ` +
      `statut ${body.statut}, created ${body.crees}, updated ${body.misAJour}, unchanged ${body.inchanges}, rejected ${body.rejetes}${body.erreur ? `, ${body.erreur}` : ''}`,
  );
}

try {
  const startMs = await waitHealthy();
  console.log(`cold start (initdb, migrations, référentiel, demo seed): ${startMs} ms`);
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'suivi-pvd' },
    body: JSON.stringify({ email: 'partenaire@demo.test', password: 'demo-pvd-2026' }),
  });
  if (!login.ok) throw new Error(`login: ${login.status}`);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const communes = [];
  // About 2,000 real communes, from the référentiel search (100 per page at most).
  for (const q of ['saint', 'sur', 'le', 'la', 'ville', 'mont', 'font', 'bourg', 'val', 'champ']) {
    for (let page = 1; page <= 2; page++) {
      const res = await fetch(`${base}/api/communes?q=${q}&pageSize=100&page=${page}`, { headers: { cookie } });
      if (!res.ok) throw new Error(`communes search: ${res.status}`);
      communes.push(...((await res.json()).items ?? []).map((c) => c.insee));
    }
  }
  const csv = generate([...new Set(communes)], false);
  console.log(`file: ${LINES} lines, ${(csv.length / 1024 / 1024).toFixed(1)} MB, ${new Set(communes).size} communes`);
  await run(cookie, 'first import', csv);
  await run(cookie, 're-import (no change)', csv);
  await run(cookie, 'updated file (1 in 10)', generate([...new Set(communes)], true));
} finally {
  await stop();
}

// Measures the API's memory and responsiveness while partners upload hostile and legitimate files.
// Starts the built API on its own port with a fresh embedded PostgreSQL (demo data), signs in as
// the demo partner, then for each file: uploads it, waits for the import to finish (or the
// refusal), while sampling the server's resident memory (/proc/<pid>/status VmRSS, every 25 ms)
// and timing GET /api/health (every 100 ms). Prints, per file, the answer, the peak RSS above the
// RSS just before, and the slowest health check. Bounded: every file is generated in memory, every
// wait has a deadline, the server is stopped at the end. Build first: `npm run build:api`.
import ExcelJS from 'exceljs';
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PORT = Number(process.env.BENCH_PORT ?? 3211);
const PG_PORT = process.env.BENCH_PG_PORT ?? '54334';
const LINES = Number(process.env.BENCH_LINES ?? 50_000);
const base = `http://127.0.0.1:${PORT}`;
const pgDir = resolve(root, process.env.BENCH_PG_DIR ?? '.data/pg-perf-import-memory');
rmSync(pgDir, { recursive: true, force: true });

const startedAt = Date.now();
const server = spawn(process.execPath, ['dist/api/apps/api/src/main.js'], {
  cwd: root,
  env: { ...process.env, PORT: String(PORT), EMBEDDED_PG_DIR: pgDir, EMBEDDED_PG_PORT: PG_PORT, DATABASE_URL: '', DEMO_SEED: 'true', LOG_LEVEL: 'warn', WEB_DIST_DIR: '/nonexistent' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const stop = () => new Promise((done) => (server.exitCode !== null ? done() : (server.once('exit', done), server.kill('SIGTERM'))));
const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1]) / 1024;

// ─── Files ───────────────────────────────────────────────────────────────────

/** A ZIP of deflated entries; `declaredSize` lies about an entry's unpacked size. */
function zip(entries) {
  const parts = [];
  const central = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const packed = deflateRawSync(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(e.data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(e.declaredSize ?? e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    local.copy(c, 8, 6, 26);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    parts.push(local, name, packed);
    central.push(c, name);
    offset += 30 + name.length + packed.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dir, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
/** A one-sheet workbook around raw sheet data and shared strings. */
function workbook(sheetData, sharedStrings, declared = {}) {
  return zip([
    { name: 'xl/workbook.xml', data: Buffer.from(`<workbook ${NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="D" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: Buffer.from(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
    },
    { name: 'xl/sharedStrings.xml', data: sharedStrings, declaredSize: declared.sharedStrings },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.concat([Buffer.from(`<worksheet ${NS}><sheetData>`), sheetData, Buffer.from('</sheetData></worksheet>')]), declaredSize: declared.sheet },
  ]);
}

/** The reported file: 1,000,000 one-cell rows (about 53 MB of XML, 5 MB packed). */
function millionRows() {
  const rows = [];
  for (let i = 1; i <= 1_000_000; i++) rows.push(`<row r="${i}"><c r="A${i}" t="inlineStr"><is><t>${i}</t></is></c></row>`);
  return workbook(Buffer.from(rows.join('')), Buffer.from(`<sst ${NS}/>`));
}

/** One 100 MB shared string (about 100 KB packed). */
function hugeString() {
  return workbook(Buffer.from('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), Buffer.concat([Buffer.from(`<sst ${NS}><si><t>`), Buffer.alloc(100 * 1024 * 1024, 'x'), Buffer.from('</t></si></sst>')]));
}

/** A zip bomb: a sheet of 200 MB of spaces declared as 1 KB. */
function bomb() {
  return workbook(Buffer.alloc(200 * 1024 * 1024, ' '), Buffer.from(`<sst ${NS}/>`), { sheet: 1024 });
}

const HEADER = ['référence', 'dispositif', 'bénéficiaire', 'projet', 'montant', 'statut', 'date_demande', 'date_engagement', 'annee_campagne', 'source'];
function legitLines(communes) {
  return Array.from({ length: LINES }, (_, i) => [
    `MEM-${i}`,
    i % 2 ? 'bdt_pret_renouvellement' : 'bdt_ingenierie',
    communes[i % communes.length],
    `Projet n° ${i}`,
    `${(1000 + i).toLocaleString('fr-FR').replace(/\u202f/g, ' ')},${String(i % 100).padStart(2, '0')}`,
    'engagé',
    '15/01/2024',
    `${String(1 + (i % 28)).padStart(2, '0')}/03/2024`,
    '2024',
    'Extraction SI',
  ]);
}

async function legitXlsx(communes) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Données');
  sheet.addRow(HEADER);
  for (const line of legitLines(communes)) sheet.addRow(line);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ─── Measure ─────────────────────────────────────────────────────────────────

async function waitHealthy(timeoutMs = 240_000) {
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

async function measure(cookie, title, file, name) {
  global.gc?.();
  await new Promise((r) => setTimeout(r, 1000));
  const before = rssMb();
  let peak = before;
  let slowestHealth = 0;
  let sampling = true;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 25);
  const health = (async () => {
    while (sampling) {
      const t0 = performance.now();
      await fetch(`${base}/api/health`).catch(() => undefined);
      slowestHealth = Math.max(slowestHealth, performance.now() - t0);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const t0 = performance.now();
  let outcome;
  try {
    const form = new FormData();
    form.append('type', 'financements');
    form.append('fichier', new Blob([file]), name);
    const res = await fetch(`${base}/api/imports-partenaires`, { method: 'POST', headers: { cookie, 'x-requested-with': 'suivi-pvd' }, body: form });
    const body = await res.json();
    if (res.status !== 202) outcome = `${res.status} « ${body.message} »`;
    else {
      const deadline = Date.now() + 600_000;
      let report;
      do {
        await new Promise((r) => setTimeout(r, 250));
        report = await (await fetch(`${base}/api/imports-partenaires/${body.id}`, { headers: { cookie } })).json();
      } while (report.statut !== 'termine' && report.statut !== 'echoue' && Date.now() < deadline);
      outcome = `202, ${report.statut}: ${report.totalLignes} lines, created ${report.crees}, updated ${report.misAJour}, unchanged ${report.inchanges}, rejected ${report.rejetes}`;
      if (report.changements?.total) outcome += `; first change: ${JSON.stringify(report.changements.items[0])}`;
    }
  } finally {
    sampling = false;
    clearInterval(sampler);
    await health;
  }
  const elapsed = Math.round(performance.now() - t0);
  await new Promise((r) => setTimeout(r, 2000));
  const after = rssMb();
  console.log(
    `${title.padEnd(40)} ${(file.length / 1024 / 1024).toFixed(2).padStart(6)} MB  ${elapsed.toString().padStart(6)} ms  RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} MB (+${(peak - before).toFixed(0)}), ${after.toFixed(0)} MB 2 s later; slowest /api/health ${slowestHealth.toFixed(0)} ms\n    ${outcome}`,
  );
}

try {
  console.log(`cold start: ${await waitHealthy()} ms, RSS ${rssMb().toFixed(0)} MB`);
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'suivi-pvd' },
    body: JSON.stringify({ email: 'partenaire@demo.test', password: 'demo-pvd-2026' }),
  });
  if (!login.ok) throw new Error(`login: ${login.status}`);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const communes = [];
  for (const q of ['saint', 'sur', 'le', 'la', 'ville', 'mont']) {
    const res = await fetch(`${base}/api/communes?q=${q}&pageSize=100`, { headers: { cookie } });
    communes.push(...((await res.json()).items ?? []).map((c) => c.insee));
  }
  await measure(cookie, 'XLSX 1,000,000 one-cell rows', millionRows(), 'million.xlsx');
  await measure(cookie, 'XLSX one 100 MB shared string', hugeString(), 'chaine.xlsx');
  await measure(cookie, 'XLSX zip bomb (200 MB declared 1 KB)', bomb(), 'bombe.xlsx');
  await measure(cookie, 'CSV one 9 MB unclosed quote', Buffer.from(`${HEADER.join(';')}\nA;"${'x'.repeat(9 * 1024 * 1024)}`), 'guillemet.csv');
  await measure(cookie, `XLSX ${LINES} lines (first import)`, await legitXlsx(communes), 'lignes.xlsx');
  const csv = Buffer.from(`\uFEFF${[HEADER, ...legitLines(communes)].map((l) => l.join(';')).join('\r\n')}\r\n`);
  await measure(cookie, `CSV ${LINES} lines (same lines: unchanged)`, csv, 'lignes.csv');
} finally {
  await stop();
}

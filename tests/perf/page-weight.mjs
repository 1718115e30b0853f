// Weighs the JavaScript and CSS a page of the running platform loads, as a browser gets them.
// Signs in as a demo account, opens the page in headless Chromium (playwright-core, CHROMIUM_PATH
// or /usr/bin/chromium), and prints per file and in total: the decoded size, the size gzip -9 and
// brotli -q 11 would make of it, and the bytes actually transferred (the server's compression).
//
//   node tests/perf/page-weight.mjs [base URL] [page]
//   node tests/perf/page-weight.mjs http://localhost:3000 dossier      (the demo chef de projet's dossier, the default)
//   node tests/perf/page-weight.mjs http://localhost:3000 /tableau-de-bord
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const base = (process.argv[2] ?? 'http://localhost:3000').replace(/\/+$/, '');
const target = process.argv[3] ?? 'dossier';
const email = process.env.PAGE_WEIGHT_EMAIL ?? 'chef.projet@demo.test';
const password = process.env.PAGE_WEIGHT_PASSWORD ?? 'demo-pvd-2026';

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  const context = await browser.newContext();
  const login = await context.request.post(`${base}/api/auth/login`, { headers: { 'X-Requested-With': 'suivi-pvd' }, data: { email, password } });
  if (!login.ok()) throw new Error(`Sign-in refused: ${login.status()}`);
  let path = target;
  if (target === 'dossier') {
    const list = await (await context.request.get(`${base}/api/pvd?pageSize=1`)).json();
    if (!list.items?.length) throw new Error('No dossier readable by this account');
    path = `/pvd/${list.items[0].id}`;
  }
  const page = await context.newPage();
  const files = [];
  page.on('response', async (response) => {
    const type = response.request().resourceType();
    if (type !== 'script' && type !== 'stylesheet') return;
    try {
      const body = await response.body();
      const sizes = await response.request().sizes();
      files.push({
        url: response.url().replace(base, ''),
        type,
        encoding: response.headers()['content-encoding'] ?? 'identity',
        raw: body.length,
        gzip: gzipSync(body, { level: 9 }).length,
        br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
        transferred: sizes.responseBodySize,
      });
    } catch {
      /* a response without body (redirect) */
    }
  });
  await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
  await page.waitForTimeout(2000);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
  console.log(`${path}\n${'file'.padEnd(56)} ${'raw'.padStart(10)} ${'gzip -9'.padStart(10)} ${'br -11'.padStart(10)} ${'sent'.padStart(10)}  encoding`);
  for (const type of ['script', 'stylesheet']) {
    const list = files.filter((f) => f.type === type).sort((a, b) => b.raw - a.raw);
    for (const f of list) console.log(`${f.url.slice(0, 56).padEnd(56)} ${kb(f.raw)} ${kb(f.gzip)} ${kb(f.br)} ${kb(f.transferred)}  ${f.encoding}`);
    const sum = (k) => list.reduce((s, f) => s + f[k], 0);
    console.log(`${`TOTAL ${type === 'script' ? 'JS' : 'CSS'} (${list.length} files)`.padEnd(56)} ${kb(sum('raw'))} ${kb(sum('gzip'))} ${kb(sum('br'))} ${kb(sum('transferred'))}\n`);
  }
} finally {
  await browser.close();
}

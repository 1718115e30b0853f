// What the benchmarks share: free ports, the API started on a database (BENCH_DATABASE_URL's server
// or an embedded one), autocannon loads with exact percentiles, bare-SQL replays and a bare Node
// server as references. Loopback only; every child process is stopped at the end.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DURATION = Number(process.env.BENCH_SECONDS ?? 6);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const children = [];

export const freePort = () =>
  new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });

export const stopAll = () =>
  Promise.all(children.map((c) => new Promise((done) => (c.exitCode !== null || c.signalCode !== null ? done() : (c.once('exit', done), c.kill('SIGTERM'))))));

// Interrupted (Ctrl-C, kill): the API and its database stop too.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await stopAll();
    process.exit(130);
  });
}

/** Whatever happens, the run ends after `minutes` (and its children with it). */
export function boundRun(name, minutes) {
  setTimeout(async () => {
    console.error(`${name}: time limit reached, stopping`);
    await stopAll();
    process.exit(2);
  }, minutes * 60_000).unref();
}

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
const summary = (latencies, requests, seconds, errors) => {
  const sorted = Float64Array.from(latencies).sort();
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), rps: requests / seconds, errors };
};

export const fmt = (r) =>
  `p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  ${r.rps.toFixed(0).padStart(6)} req/s${r.errors ? `  errors ${r.errors}` : ''}`;

/** autocannon over one URL; latencies of every response, for exact percentiles. */
export function httpLoad(url, headers, connections = CONNECTIONS, duration = DURATION) {
  return new Promise((done, fail) => {
    const latencies = [];
    let errors = 0;
    const t0 = performance.now();
    const instance = autocannon({ url, connections, duration, headers }, (error, r) => {
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
export async function sqlLoad(connectionString, statements, connections = CONNECTIONS, duration = DURATION) {
  // The API's own client class, so that the SQL alone is prepared as the API prepares it (DB_PREPARED_STATEMENTS).
  const { poolOptions } = await import('../../dist/api/apps/api/src/core/database/preparing-client.js');
  const { Client } = poolOptions(process.env.DB_PREPARED_STATEMENTS?.trim().toLowerCase() !== 'false');
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const c = new Client({ connectionString });
      await c.connect();
      return c;
    }),
  );
  const latencies = [];
  let errors = 0;
  const t0 = performance.now();
  const deadline = t0 + duration * 1000;
  await Promise.all(
    clients.map(async (c) => {
      while (performance.now() < deadline) {
        const s = performance.now();
        try {
          for (const q of statements) await c.query(q.sql, q.params);
        } catch {
          errors++;
          // A statement that failed left its transaction aborted: start clean.
          await c.query('ROLLBACK').catch(() => {});
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
export async function bareNode(body) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-node-'));
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

/**
 * The built API on a free port with demo data, on a fresh database: `suivi_pvd_<name>` created on
 * BENCH_DATABASE_URL's server when it is set (any database of that server in the URL), else a fresh
 * embedded PostgreSQL on another free port under .data/pg-<name>. Returns its address, the
 * database's connection string and the time to healthy.
 */
export async function startApi(name, env = {}) {
  const apiPort = await freePort();
  let connectionString;
  let apiEnv;
  const server = process.env.BENCH_DATABASE_URL?.trim();
  if (server) {
    const database = `suivi_pvd_${name.replace(/[^a-z0-9_]/gi, '_')}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${database}`;
    connectionString = url.toString();
    apiEnv = { DATABASE_URL: connectionString };
  } else {
    const pgPort = await freePort();
    const pgDir = resolve(root, `.data/pg-${name}`);
    rmSync(pgDir, { recursive: true, force: true });
    connectionString = `postgres://postgres:postgres@127.0.0.1:${pgPort}/suivi_pvd`;
    apiEnv = { DATABASE_URL: '', EMBEDDED_PG_DIR: pgDir, EMBEDDED_PG_PORT: String(pgPort) };
  }
  const startedAt = Date.now();
  // BENCH_NODE_ARGS: options for the API's node (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it).
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, 'dist/api/apps/api/src/main.js'], {
    cwd: root,
    env: { ...process.env, PORT: String(apiPort), DEMO_SEED: 'true', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', BENCH_EVENT_LOOP: '1', ...apiEnv, ...env },
    // BENCH_API_LOGS=1: the API's log lines too (with LOG_LEVEL=info, e.g. an import's phases).
    stdio: ['ignore', process.env.BENCH_API_LOGS === '1' ? 'inherit' : 'ignore', 'inherit'],
  });
  children.push(child);
  const base = `http://127.0.0.1:${apiPort}`;
  while (Date.now() - startedAt < 240_000) {
    if (child.exitCode !== null) throw new Error('the API exited');
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { base, connectionString, startMs: Date.now() - startedAt, child };
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('API did not become healthy');
}

/** Signs a demo account in: its session cookie. */
export async function signIn(base, email) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'suivi-pvd' },
    body: JSON.stringify({ email, password: 'demo-pvd-2026' }),
  });
  if (!res.ok) throw new Error(`sign-in of ${email}: ${res.status}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const me = await (await fetch(`${base}/api/auth/me`, { headers: { cookie } })).json();
  return { cookie, user: { ...me, sessionId: 'bench', authMethod: 'mot_de_passe' } };
}

/**
 * The API process's event loop since the previous call, from its `/metrics` (loopback is allowed by
 * default), whose windows restart at each scrape: call it once before a scenario and once after.
 * - `maxMs`, `p99Ms`: prom-client's `monitorEventLoopDelay` (nodejs_eventloop_lag_*), the longest
 *   and the 99th percentile delay of the loop: what a request waited at worst;
 * - `ownMs`: the most CPU time the process used during one stall (the API's bench-only gauges,
 *   BENCH_EVENT_LOOP=1, set by startApi): its own longest synchronous run. On a machine shared with
 *   other work a stall also counts the time the process waited for a core; this does not.
 */
export async function eventLoopDelay(base) {
  const res = await fetch(`${base}/metrics`);
  if (!res.ok) throw new Error(`/metrics: ${res.status}`);
  const text = await res.text();
  const read = (name) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) * 1000;
  return {
    maxMs: read('nodejs_eventloop_lag_max_seconds'),
    p99Ms: read('nodejs_eventloop_lag_p99_seconds'),
    ownMs: read('suivi_pvd_bench_eventloop_stall_max_cpu_seconds'),
  };
}

export const fmtLoop = (d) => `event loop max ${d.maxMs.toFixed(0)} ms (p99 ${d.p99Ms.toFixed(0)} ms, longest own run ${Number.isNaN(d.ownMs) ? '?' : d.ownMs.toFixed(0)} ms CPU)`;

/**
 * CPU time (ms) used so far by a process and its descendants (the API and, with an embedded
 * database, its PostgreSQL processes), from /proc (Linux; NaN elsewhere). On a machine shared with
 * other work, the CPU a scenario used is its cost, where its duration also counts waits for a core.
 */
export function treeCpuMs(pid) {
  try {
    const stats = new Map();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
        // Fields after the command (which may hold spaces): state ppid … utime(14) stime(15).
        const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
        stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
      } catch {
        /* gone meanwhile */
      }
    }
    const children = new Map();
    for (const [p, s] of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), p]);
    let ticks = 0;
    const stack = [pid];
    while (stack.length) {
      const p = stack.pop();
      ticks += stats.get(p)?.ticks ?? 0;
      stack.push(...(children.get(p) ?? []));
    }
    return (ticks * 1000) / 100; // USER_HZ: 100 on Linux
  } catch {
    return NaN;
  }
}

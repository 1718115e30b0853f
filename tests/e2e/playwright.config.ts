import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';
import { findChromium } from '../../tools/chromium-path.cjs';

/**
 * End-to-end tests in Debian's Chromium (never `npx playwright install`) against the built app:
 * the API serves the built web app, on its own port and its own fresh embedded PostgreSQL with
 * demo data. Run `npm run build` first (the test command does).
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
/** The local ProConnect stand-in (an oidc-provider configured like ProConnect). */
// Fixed ports below Linux's ephemeral range (32768–60999): an outgoing connection of an earlier
// suite can hold a port of that range for a while, and a server then fails to listen there.
const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? 3101);
const OIDC_SECRET = 'e2e-secret-not-for-production';
const root = resolve(__dirname, '../..');
/** The e2e database folder, wiped at each run (E2E_PG_DIR lets two runs coexist on one machine). */
const PG_DIR = process.env.E2E_PG_DIR ?? '.data/pg-e2e';

export default defineConfig({
  testDir: './specs',
  testMatch: '**/*.e2e.ts',
  outputDir: resolve(root, 'test-results'),
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      // The same search as `npm test`'s first check (tools/ensure-test-tools.mjs).
      executablePath: findChromium() ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        // Native date inputs follow the browser's language, not the page's locale: French, as users see them.
        '--lang=fr-FR',
      ],
    },
  },
  webServer: [
    {
      // Built by `npm run build:e2e-tools -w @suivi-pvd/api` (the test:e2e script does it).
      command: 'exec node dist/e2e-tools/apps/api/src/test/oidc-stand-in.js',
      cwd: root,
      url: `http://127.0.0.1:${OIDC_PORT}/.well-known/openid-configuration`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      // Shown when it fails to start (a port taken, say): otherwise Playwright says only « exit code 1 ».
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
      env: { STAND_IN_PORT: String(OIDC_PORT), STAND_IN_APP_URL: `http://localhost:${PORT}`, STAND_IN_CLIENT_SECRET: OIDC_SECRET },
    },
    {
      // A fresh database each run, so that the journeys start from the demo data.
      command: `rm -rf '${PG_DIR}' && exec node dist/api/apps/api/src/main.js`,
      cwd: root,
      url: `http://localhost:${PORT}/api/health`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
      env: {
        PORT: String(PORT),
        PUBLIC_URL: `http://localhost:${PORT}`,
        EMBEDDED_PG_DIR: PG_DIR,
        EMBEDDED_PG_PORT: String(Number(process.env.E2E_PG_PORT ?? 3102)),
        DATABASE_URL: '',
        DEMO_SEED: 'true',
        // Loopback with demo data turns the development mailbox on by default; said explicitly
        // because the account journey reads its invitation there (as admin@demo.test).
        HOST: '127.0.0.1',
        DEV_MAILBOX: 'true',
        LOG_LEVEL: 'warn',
        PROCONNECT_ISSUER: `http://127.0.0.1:${OIDC_PORT}`,
        PROCONNECT_CLIENT_ID: 'suivi-pvd-e2e',
        PROCONNECT_CLIENT_SECRET: OIDC_SECRET,
        PROCONNECT_REDIRECT_URI: `http://localhost:${PORT}/api/auth/proconnect/callback`,
        PROCONNECT_POST_LOGOUT_REDIRECT_URI: `http://localhost:${PORT}/api/auth/proconnect/deconnexion/retour`,
        PROCONNECT_ALLOW_INSECURE: 'true',
      },
    },
  ],
});

#!/usr/bin/env node
// First step of `npm test`: the end-to-end tests and the PDF report need Chromium, the report's
// test reads the PDF back with pdftotext, and the backup test runs a system PostgreSQL (its initdb,
// pg_dump and pg_restore: the embedded one has no pg_dump). When one is missing, install Debian's packages as CI does
// when this machine allows it (root, or sudo without a password); otherwise stop at once with one
// line saying how, rather than a suite of launch failures minutes later.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { findChromium, onPath } = require('./chromium-path.cjs');

/** A Debian PostgreSQL's binaries (what the backup test looks for), or null. */
function systemPostgres() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => ['initdb', 'pg_dump', 'pg_restore'].every((b) => existsSync(`${root}/${v}/bin/${b}`)));
  return versions.length ? `${root}/${versions.sort((a, b) => Number(b) - Number(a))[0]}/bin` : null;
}

const missing = () => [
  ...(findChromium() ? [] : ['chromium']),
  ...(onPath('pdftotext') ? [] : ['poppler-utils']),
  ...(systemPostgres() ? [] : ['postgresql']),
];

function canInstall() {
  if (!onPath('apt-get')) return null;
  if (process.getuid?.() === 0) return [];
  try {
    execFileSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
    return ['sudo'];
  } catch {
    return null;
  }
}

let packages = missing();
// A CHROMIUM_PATH that is wrong is said, not replaced by an installed browser.
const installable = () => packages.filter((p) => p !== 'chromium' || !(process.env.CHROMIUM_PATH || '').trim());
if (installable().length > 0) {
  const sudo = canInstall();
  if (sudo) {
    console.log(`npm test: installing Debian's ${installable().join(', ')} (apt-get)…`);
    // `sudo` resets the environment: the variable goes through `env`.
    const run = (args) => {
      const command = [...sudo, 'env', 'DEBIAN_FRONTEND=noninteractive', ...args];
      execFileSync(command[0], command.slice(1), { stdio: ['ignore', 'ignore', 'inherit'] });
    };
    try {
      run(['apt-get', 'update', '-qq']);
      run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...installable(), ...(installable().includes('chromium') ? ['fonts-dejavu-core'] : [])]);
    } catch {
      // Said below, in one line.
    }
    packages = missing();
  }
}
if (packages.length > 0) {
  const configured = (process.env.CHROMIUM_PATH || '').trim();
  const why = configured && packages.includes('chromium') ? `CHROMIUM_PATH=${configured} is not an executable` : `missing: ${packages.join(', ')}`;
  console.error(`npm test needs Chromium, pdftotext and a system PostgreSQL (${why}): run "sudo apt-get install chromium poppler-utils postgresql" (Debian/Ubuntu) or set CHROMIUM_PATH to a Chromium, then run npm test again.`);
  process.exit(1);
}
console.log(`npm test: Chromium at ${findChromium()}, pdftotext at ${onPath('pdftotext')}, PostgreSQL tools in ${systemPostgres()}`);

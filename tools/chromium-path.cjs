'use strict';
// Where the tests find Chromium: CHROMIUM_PATH when set, else the first browser of Debian's (or a
// compatible) package on the PATH. Shared by `npm test`'s first check, Playwright's configuration
// and the integration tests (the PDF report renders in it). Never downloads a browser.
const { accessSync, constants } = require('node:fs');
const { delimiter, join } = require('node:path');

const NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable named `name` on the PATH, or null. */
function onPath(name) {
  for (const dir of (process.env.PATH || '').split(delimiter)) {
    if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** Chromium's path, or null when none is there (CHROMIUM_PATH set to a missing file gives null too). */
function findChromium() {
  const configured = (process.env.CHROMIUM_PATH || '').trim();
  if (configured) return executable(configured) ? configured : null;
  for (const name of NAMES) {
    const found = onPath(name);
    if (found) return found;
  }
  return null;
}

module.exports = { findChromium, onPath };

/**
 * Integration tests: the real NestJS app over HTTP on a real PostgreSQL. Migrations and the
 * référentiel go once into a template database; each worker works in a copy of it.
 */
// The report's PDF renders in Chromium: the one `npm test` checked for (tools/ensure-test-tools.mjs).
if (!process.env.CHROMIUM_PATH) process.env.CHROMIUM_PATH = require('./tools/chromium-path.cjs').findChromium() ?? '/usr/bin/chromium';

module.exports = {
  ...require('./jest.preset'),
  displayName: 'int',
  testMatch: ['<rootDir>/apps/api/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/apps/api/src/test/global-setup.ts',
  globalTeardown: '<rootDir>/apps/api/src/test/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};

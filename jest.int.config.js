/**
 * Integration tests: the real NestJS app over HTTP on a real PostgreSQL. Migrations and the
 * référentiel go once into a template database; each worker works in a copy of it.
 */
module.exports = {
  ...require('./jest.preset'),
  displayName: 'int',
  testMatch: ['<rootDir>/apps/api/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/apps/api/src/test/global-setup.ts',
  globalTeardown: '<rootDir>/apps/api/src/test/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};

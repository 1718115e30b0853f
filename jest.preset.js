// Shared by the unit and integration Jest configurations.
const path = require('node:path');

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, 'apps/api/tsconfig.spec.json'), diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@suivi-pvd/domain$': '<rootDir>/libs/domain/src/index.ts',
    '^@suivi-pvd/migrations$': '<rootDir>/migrations/index.ts',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/tests/e2e/'],
};

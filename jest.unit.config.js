/** Unit tests: pure code, no database. `*.spec.ts` beside the code. */
const preset = require('./jest.preset');

module.exports = {
  ...preset,
  displayName: 'unit',
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/api/**/*.spec.ts', '<rootDir>/apps/web/build/**/*.spec.ts'],
  transform: {
    // The web app's build plugins (apps/web is an ES module package): compiled to CommonJS for Jest.
    '/apps/web/build/.+\\.ts$': ['ts-jest', { tsconfig: { module: 'commonjs', moduleResolution: 'node', esModuleInterop: true, isolatedModules: true }, diagnostics: false }],
    ...preset.transform,
  },
};

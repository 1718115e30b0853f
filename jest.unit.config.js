/** Unit tests: pure code, no database. `*.spec.ts` beside the code. */
const preset = require('./jest.preset');

module.exports = {
  projects: [
    {
      ...preset,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/api/**/*.spec.ts'],
    },
    {
      // The web app's build plugins: apps/web is an ES module package, compiled to CommonJS for Jest
      // (a project of its own: ts-jest keeps one TypeScript configuration per project).
      ...preset,
      displayName: 'unit-web-build',
      testMatch: ['<rootDir>/apps/web/build/**/*.spec.ts'],
      transform: {
        '^.+\\.ts$': ['ts-jest', { tsconfig: { module: 'commonjs', moduleResolution: 'node', esModuleInterop: true, isolatedModules: true }, diagnostics: false }],
      },
    },
  ],
};

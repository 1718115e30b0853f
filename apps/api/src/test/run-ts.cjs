'use strict';
// Runs the API from its TypeScript sources in a plain Node process, as the integration tests that
// start real API processes need (replicas.int-spec.ts): `node -r ./run-ts.cjs apps/api/src/main.ts`.
// Each .ts file is transpiled when first required, with the build's emit options (CommonJS,
// decorators and their metadata for NestJS), without a type check (`npm run typecheck` does that).
// The workspace packages (@suivi-pvd/domain, @suivi-pvd/migrations) point at their .ts sources,
// so they go through the same hook. Transpiled files are kept under .data/run-ts, keyed by their
// content, so the next process (the second replica, the next run) starts faster (the folder only
// grows: delete it at will).
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

// TypeScript is loaded only when a file is not in the cache yet (loading it takes a while).
let ts = null;
const typescript = () => (ts ??= require('typescript'));
const COMPILER_OPTIONS = {
  module: 'commonjs',
  target: 'es2022',
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  esModuleInterop: true,
  inlineSourceMap: true,
};
const CACHE_DIR = resolve(__dirname, '../../../../.data/run-ts');
const SALT = `${require('typescript/package.json').version}:${JSON.stringify(COMPILER_OPTIONS)}`;
mkdirSync(CACHE_DIR, { recursive: true });

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = readFileSync(filename, 'utf8');
  const key = createHash('sha256').update(SALT).update(filename).update(source).digest('hex');
  const cached = join(CACHE_DIR, `${key}.js`);
  let output;
  try {
    output = readFileSync(cached, 'utf8');
  } catch {
    const { ModuleKind, ScriptTarget, transpileModule } = typescript();
    const compilerOptions = { ...COMPILER_OPTIONS, module: ModuleKind.CommonJS, target: ScriptTarget.ES2022 };
    output = transpileModule(source, { compilerOptions, fileName: filename }).outputText;
    // Written aside then renamed: two processes compiling the same file never read half a file.
    const partial = `${cached}.${process.pid}`;
    writeFileSync(partial, output);
    renameSync(partial, cached);
  }
  module._compile(output, filename);
};

import { compileFunction, constants } from 'node:vm';
import { pathToFileURL } from 'node:url';

/**
 * Loads an ESM-only package (`openid-client`; in tests also the OpenID provider) from this CommonJS code base.
 *
 * - Under plain Node (the built app in dist/, Node ≥ 20.19), `require()` of an ES module is
 *   native and synchronous: that is the path production takes, with no warning.
 * - Under Jest 30 on Node 20, Jest's own module system refuses `require(esm)` (it only supports
 *   it from Node 24.9) with `ERR_REQUIRE_ESM`, and a native `import()` written in a test file fails
 *   too, because Jest compiles files in a `vm` context without a dynamic-import callback unless
 *   run with `--experimental-vm-modules`. So we compile a one-line `import()` function in the
 *   main context with Node's own default ESM loader (`vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER`),
 *   which loads the package outside Jest's registry. jest-environment-node shares `URL`, `fetch`,
 *   `Response`, `Headers` with the main context, so objects cross over without `instanceof` surprises.
 *   Node 20 prints one "ExperimentalWarning: vm.USE_MAIN_CONTEXT_DEFAULT_LOADER" in tests: harmless.
 *   Consequence: `jest.mock()` cannot replace these packages (none of our tests needs it).
 *
 * Rejected alternatives: `transformIgnorePatterns` + transforming node_modules (the test provider pulls
 * in a dozen ESM packages, slow and brittle), `--experimental-vm-modules` (changes how every test
 * runs), `process.getBuiltinModule('module').createRequire` (Jest 30 intercepts it as well).
 */
export async function importEsm<T>(specifier: string): Promise<T> {
  try {
    // Deliberate require(esm), see above.
    return require(specifier) as T;
  } catch (error) {
    if (!isRequireEsmError(error)) throw error;
  }
  const resolved = pathToFileURL(require.resolve(specifier)).href;
  return (await mainContextImport()(resolved)) as T;
}

/** Duck-typed: Jest throws it from its own realm, where `instanceof Error` is false. */
function isRequireEsmError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === 'ERR_REQUIRE_ESM';
}

let nativeImport: ((specifier: string) => Promise<unknown>) | null = null;

function mainContextImport(): (specifier: string) => Promise<unknown> {
  nativeImport ??= compileFunction('return import(specifier)', ['specifier'], {
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  }) as (specifier: string) => Promise<unknown>;
  return nativeImport;
}

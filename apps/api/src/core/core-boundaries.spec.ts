import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The shape of the code: core (apps/api/src/core) is the platform, and depends on no business area.
 * Each area registers its own entities; the application's list is put together outside core
 * (apps/api/src/entities.ts). Tests and their helpers (apps/api/src/test, *.access-cases.ts) may reach
 * anywhere: they run the whole application.
 */
const SRC = resolve(__dirname, '..');
const CORE = join(SRC, 'core');
const TEST_HELPERS = join(SRC, 'test');

const isTestFile = (file: string) => /\.(spec|int-spec|access-cases)\.ts$/.test(file);

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__snapshots__' ? [] : tsFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The relative module specifiers of a file: imports, re-exports, dynamic imports and requires. */
function relativeImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"]*|\.{1,2})\1/gm;
  for (const match of source.matchAll(pattern)) specifiers.push(match[2]);
  return specifiers;
}

const inside = (path: string, dir: string) => path === dir || path.startsWith(dir + sep);

describe('core boundaries', () => {
  it('finds the code it checks', () => {
    const files = tsFiles(CORE).filter((f) => !isTestFile(f));
    expect(files.length).toBeGreaterThan(50);
    // The checker sees a known import of core's own.
    expect(relativeImports(join(CORE, 'auth', 'actor.ts'))).toContain('../errors/app-error');
  });

  it('core imports no business area', () => {
    const offences: string[] = [];
    for (const file of tsFiles(CORE).filter((f) => !isTestFile(f))) {
      for (const specifier of relativeImports(file)) {
        const target = resolve(dirname(file), specifier);
        if (inside(target, CORE) || inside(target, TEST_HELPERS)) continue;
        const area = relative(SRC, target).split(sep)[0];
        offences.push(`${relative(SRC, file)} imports '${specifier}' (${area})`);
      }
    }
    // Something core needs belongs in core (see docs/adr); something an area needs from core, the area imports.
    expect(offences).toEqual([]);
  });

  it('entity files import each other without a circle', () => {
    const entityFiles = tsFiles(SRC).filter((f) => /\.(entity|entities|entity-list)\.ts$/.test(f));
    const known = new Set(entityFiles);
    const edges = new Map(
      entityFiles.map((file) => [
        file,
        relativeImports(file)
          .map((s) => resolve(dirname(file), s) + '.ts')
          .filter((target) => known.has(target)),
      ]),
    );
    const circles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        circles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(SRC, f)).join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of edges.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of entityFiles) visit(file, []);
    expect(circles).toEqual([]);
  });
});

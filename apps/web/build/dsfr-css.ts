import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

/**
 * Trims the design system's stylesheet (`@codegouvfr/react-dsfr/dsfr/dsfr.min.css`, 600 KB) to
 * the rules the application can use, at build time (a PostCSS plugin in Vite's CSS pipeline: the
 * result is hashed like any asset, and node_modules is never written).
 *
 * A rule is kept unless one of the `fr-` classes its selector requires is never used. Used means:
 * the class, or its BEM block (`fr-btn` for `fr-btn--secondary`, `fr-header` for
 * `fr-header__menu`), or a prefix completed at run time (`fr-alert--` + severity) appears in the
 * markup the application can render: its sources, the react-dsfr modules they import, dsfr-chart.
 * Whole components are thus kept with every modifier and element, including the state classes
 * the DSFR's script adds (`fr-collapse--expanded`, `fr-modal--opened`). The classes that script
 * adds outside any component (`fr-collapsing`) are kept as well; those of components the pages
 * never render are not (the script holds the code of every component). Classes inside `:not()`, `:is()`, `:where()` and attribute
 * selectors are not required (an unused class there cannot stop a match). Variables, fonts,
 * keyframes and element rules stay.
 */

/**
 * `fr-` tokens of a text: class names, and prefixes (ending in `-` or `_`) completed at run time.
 * A text that builds names on `fr-` alone (`fr-${label}`, react-dsfr's pictograms) may complete it
 * with any of its quoted words (`'artwork-major'`): each counts.
 */
export function classTokens(text: string): string[] {
  const tokens: string[] = [...(text.match(/fr-[a-z0-9_-]*/gi) ?? [])];
  if (/fr-\$\{|["'`]fr-["'`]\s*\+/.test(text)) for (const m of text.matchAll(/['"`]([a-z][a-z0-9_-]*)['"`]/g)) tokens.push(`fr-${m[1]}`);
  return tokens;
}

/**
 * The DSFR's JavaScript names classes without their prefix (`ns('collapse--expanded')`,
 * `${api.prefix}-segmented__legend--inline`): every quoted lowercase word may be one.
 */
export function dsfrScriptTokens(text: string): string[] {
  const tokens: string[] = [...(text.match(/fr-[a-z0-9_-]*/gi) ?? [])];
  for (const m of text.matchAll(/['"`]([a-z][a-z0-9_-]*)['"`]/g)) tokens.push(`fr-${m[1]}`);
  for (const m of text.matchAll(/\$\{[\w.]*prefix\}-([a-z0-9_-]+)/g)) tokens.push(`fr-${m[1]}`);
  return tokens;
}

/** The `fr-` tokens found: in the markup the application renders, and in the DSFR's script. */
export interface UsedTokens {
  markup: Iterable<string>;
  script: Iterable<string>;
}

/**
 * Decides from the tokens found whether a class may be on the page. `components`: the BEM blocks
 * of the stylesheet (classes that have elements or modifiers), whose names in the DSFR's script
 * alone do not make them used.
 */
export function usedClasses(tokens: UsedTokens, components: ReadonlySet<string>): (className: string) => boolean {
  const markup = new Set(tokens.markup);
  // A block is in use as soon as one of its classes is (`fr-header__menu`: the header).
  const blocks = new Set([...markup].map(blockOf));
  const script = new Set(tokens.script);
  // `fr-` alone would keep everything; a prefix is at least a block name and its separator.
  const prefixes = [...markup].filter((t) => /[-_]$/.test(t) && t.length > 4);
  return (className) => {
    const block = blockOf(className);
    return blocks.has(block) || prefixes.some((p) => className.startsWith(p)) || (script.has(className) && !components.has(block));
  };
}

/** The BEM blocks among these classes: `fr-btn` when `fr-btn--secondary` or `fr-btn__x` is one of them. */
export function componentBlocks(classNames: Iterable<string>): Set<string> {
  const blocks = new Set<string>();
  for (const c of classNames) if (c.includes('__') || c.includes('--')) blocks.add(blockOf(c));
  return blocks;
}

/** `fr-btn--icon-left` → `fr-btn`, `fr-header__menu-links` → `fr-header`, `fr-col-md-6` → itself. */
export function blockOf(className: string): string {
  return className.split(/__|--/)[0];
}

/**
 * The classes a selector requires: those outside any parenthesis (functional pseudo-classes)
 * and attribute brackets.
 */
export function requiredClasses(selector: string): string[] {
  const classes: string[] = [];
  let depth = 0;
  for (let i = 0; i < selector.length; i++) {
    const ch = selector[i];
    if (ch === '\\') i++;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === '.' && depth === 0) {
      const m = /^\.(-?[_a-zA-Z][\w-]*)/.exec(selector.slice(i));
      if (m) {
        classes.push(m[1]);
        i += m[0].length - 1;
      }
    }
  }
  return classes;
}

/** The part of a selector list to keep (empty: drop the rule). */
export function keptSelectors(selectors: readonly string[], used: (className: string) => boolean): string[] {
  return selectors.filter((s) => requiredClasses(s).every((c) => !c.startsWith('fr-') || used(c)));
}

// The few PostCSS node shapes used here (PostCSS itself is Vite's, not imported).
interface CssNode {
  type: string;
  parent?: CssContainer;
  remove(): void;
}
interface CssContainer extends CssNode {
  name?: string;
  nodes?: CssNode[];
}
interface CssRule extends CssNode {
  selectors: string[];
}
interface CssRoot extends CssContainer {
  source?: { input?: { file?: string } };
  walkRules(callback: (rule: CssRule) => void): void;
  walkAtRules(callback: (atRule: CssContainer) => void): void;
}

export interface TrimDsfrCssOptions {
  /** Folders (or files) of the application's own code, scanned for class names. */
  sources: string[];
  /** node_modules folder holding @codegouvfr/react-dsfr and @gouvfr/dsfr-chart. */
  nodeModules: string;
  /** Receives the sizes once the stylesheet is trimmed. */
  report?: (before: number, after: number) => void;
}

const SOURCE_FILE = /\.(tsx?|jsx?|mjs|html)$/;

function filesUnder(path: string, out: string[] = []): string[] {
  if (!existsSync(path)) return out;
  if (statSync(path).isFile()) {
    out.push(path);
    return out;
  }
  for (const name of readdirSync(path)) {
    if (name === 'node_modules') continue;
    const child = join(path, name);
    if (statSync(child).isDirectory()) filesUnder(child, out);
    else if (SOURCE_FILE.test(name)) out.push(child);
  }
  return out;
}

/** A module's JavaScript file (the stylesheets themselves are not scanned: every class is in them). */
function resolveModuleFile(path: string): string | null {
  for (const candidate of [path, `${path}.js`, `${path}.mjs`, join(path, 'index.js')]) {
    if (/\.m?js$/.test(candidate) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** The react-dsfr modules the sources import, with the modules they import in turn. */
function reactDsfrModules(sourceTexts: string[], reactDsfrDir: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string | null) => {
    if (!file || seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) visit(resolveModuleFile(resolve(dirname(file), m[1])));
  };
  for (const text of sourceTexts) {
    for (const m of text.matchAll(/["']@codegouvfr\/react-dsfr\/([^"']+)["']/g)) visit(resolveModuleFile(join(reactDsfrDir, m[1])));
  }
  return [...seen];
}

/** Every `fr-` token the application may put on a page. */
export function collectUsedTokens(options: Pick<TrimDsfrCssOptions, 'sources' | 'nodeModules'>): { markup: string[]; script: string[] } {
  const sourceTexts = options.sources.flatMap((s) => filesUnder(s)).map((f) => readFileSync(f, 'utf8'));
  const reactDsfr = join(options.nodeModules, '@codegouvfr/react-dsfr');
  const markup = sourceTexts.flatMap(classTokens);
  for (const file of reactDsfrModules(sourceTexts, reactDsfr)) markup.push(...classTokens(readFileSync(file, 'utf8')));
  // dsfr-chart's templates use DSFR classes (text sizes, grid, buttons).
  for (const file of filesUnder(join(options.nodeModules, '@gouvfr/dsfr-chart/dist'))) {
    if (file.endsWith('.js')) markup.push(...classTokens(readFileSync(file, 'utf8')));
  }
  const script = dsfrScriptTokens(readFileSync(join(reactDsfr, 'dsfr/dsfr.module.js'), 'utf8'));
  return { markup, script };
}

/** The PostCSS plugin (give it to Vite's `css.postcss.plugins`, for builds). */
export function trimDsfrCss(options: TrimDsfrCssOptions) {
  return {
    postcssPlugin: 'suivi-pvd-trim-dsfr-css',
    Once(root: CssRoot) {
      const file = root.source?.input?.file ?? '';
      if (!/@codegouvfr[\\/]react-dsfr[\\/]dsfr[\\/]dsfr(\.min)?\.css$/.test(file)) return;
      const classes: string[] = [];
      root.walkRules((rule) => rule.selectors.forEach((s) => classes.push(...requiredClasses(s))));
      const isUsed = usedClasses(collectUsedTokens(options), componentBlocks(classes));
      const before = String(root).length;
      root.walkRules((rule) => {
        if (rule.parent?.type === 'atrule' && /keyframes$/i.test(rule.parent.name ?? '')) return;
        const kept = keptSelectors(rule.selectors, isUsed);
        if (kept.length === 0) rule.remove();
        else if (kept.length < rule.selectors.length) rule.selectors = kept;
      });
      // At-rules left empty (media queries whose rules all went), innermost first.
      let removed = true;
      while (removed) {
        removed = false;
        root.walkAtRules((atRule) => {
          if (atRule.nodes && atRule.nodes.length === 0) {
            atRule.remove();
            removed = true;
          }
        });
      }
      options.report?.(before, String(root).length);
    },
  };
}

/**
 * The Vite side: trims the stylesheet in builds (see `trimDsfrCss`), and leaves out of the build
 * the untrimmed copy that `react-dsfr copy-static-assets` puts in public/dsfr (the page links the
 * hashed, trimmed one).
 */
export function dsfrStylesheet(options: Omit<TrimDsfrCssOptions, 'report'>): Plugin {
  let outDir = '';
  let logger: ResolvedConfig['logger'] | null = null;
  return {
    name: 'suivi-pvd-dsfr-stylesheet',
    apply: 'build',
    config() {
      return {
        css: {
          postcss: {
            plugins: [
              trimDsfrCss({
                ...options,
                report: (before, after) => logger?.info(`dsfr.min.css trimmed to the classes in use: ${(before / 1024).toFixed(0)} KB → ${(after / 1024).toFixed(0)} KB`),
              }),
            ],
          },
        },
      };
    },
    configResolved(config) {
      outDir = config.build.outDir;
      logger = config.logger;
    },
    async writeBundle() {
      await rm(join(outDir, 'dsfr', 'dsfr.min.css'), { force: true });
    },
  };
}

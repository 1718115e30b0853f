import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import postcss from 'postcss';
import { blockOf, classTokens, componentBlocks, dsfrScriptTokens, requiredClasses, trimDsfrCss, usedClasses } from './dsfr-css';

describe('trimming the DSFR stylesheet', () => {
  it('requires the classes outside :not(), :is() and attribute selectors', () => {
    expect(requiredClasses('.fr-btn:not(.fr-btn--sm)')).toEqual(['fr-btn']);
    expect(requiredClasses('.fr-header .fr-btns-group:not([class*=" fr-btns-group--icon-"]) .fr-btn[class^=fr-icon-]')).toEqual(['fr-header', 'fr-btns-group', 'fr-btn']);
    expect(requiredClasses(':is(.fr-table, .fr-quote) .fr-link::after')).toEqual(['fr-link']);
    expect(requiredClasses('.fr-col-md-6>.fr-card__title a:hover')).toEqual(['fr-col-md-6', 'fr-card__title']);
    expect(requiredClasses('a:not([href])')).toEqual([]);
  });

  it('names the block of a class', () => {
    expect(blockOf('fr-btn--icon-left')).toBe('fr-btn');
    expect(blockOf('fr-header__menu-links')).toBe('fr-header');
    expect(blockOf('fr-col-md-6')).toBe('fr-col-md-6');
    expect([...componentBlocks(['fr-btn', 'fr-btn--sm', 'fr-range__output', 'fr-collapsing'])].sort()).toEqual(['fr-btn', 'fr-range']);
  });

  it('reads class names, run-time prefixes, and the words a text completes `fr-` with', () => {
    expect(classTokens('cx("fr-btn", `fr-alert--${severity}`)')).toEqual(['fr-btn', 'fr-alert--']);
    expect(classTokens('["artwork-decorative", "artwork-major"].map((l) => `fr-${l}`)')).toEqual(expect.arrayContaining(['fr-artwork-decorative', 'fr-artwork-major']));
    expect(classTokens('const label = "artwork-major";')).toEqual([]);
    expect(dsfrScriptTokens("ns.selector('collapse'); this.addClass(`${api.prefix}-collapsing`)")).toEqual(expect.arrayContaining(['fr-collapse', 'fr-collapsing']));
  });

  it('keeps what the markup uses, block by block, and what the DSFR script adds outside any component', () => {
    const used = usedClasses({ markup: ['fr-btn', 'fr-alert--', 'fr-header__menu'], script: ['fr-collapsing', 'fr-range', 'fr-range__output'] }, new Set(['fr-btn', 'fr-alert', 'fr-header', 'fr-range']));
    expect(used('fr-btn--secondary')).toBe(true);
    expect(used('fr-alert--warning')).toBe(true);
    expect(used('fr-header__tools')).toBe(true);
    expect(used('fr-collapsing')).toBe(true);
    expect(used('fr-range')).toBe(false);
    expect(used('fr-range__output')).toBe(false);
    expect(used('fr-quote')).toBe(false);
  });

  describe('as a PostCSS plugin', () => {
    let root: string;
    beforeAll(() => {
      root = mkdtempSync(join(tmpdir(), 'suivi-pvd-dsfr-css-'));
      const write = (path: string, text: string) => {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      };
      write('src/page.tsx', `import { Button } from '@codegouvfr/react-dsfr/Button';\nexport const Page = () => <div className="fr-grid-row fr-mt-2w"><Button /></div>;`);
      write('node_modules/@codegouvfr/react-dsfr/Button.js', `import { fr } from "./fr";\nexport const Button = () => fr.cx("fr-btn", \`fr-btn--\${priority}\`);`);
      write('node_modules/@codegouvfr/react-dsfr/fr/index.js', 'export const fr = { cx: (...c) => c.join(" ") };');
      write('node_modules/@codegouvfr/react-dsfr/Quote.js', 'export const Quote = () => "fr-quote";');
      write('node_modules/@codegouvfr/react-dsfr/dsfr/dsfr.module.js', "ns.selector('modal'); el.classList.add(ns('collapsing'));");
      write('node_modules/@gouvfr/dsfr-chart/dist/DSFRChart/DSFRChart.js', 'const c = "fr-text--xs";');
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it('drops the rules of what no page uses, and nothing else', async () => {
      const css = [
        ':root{--blue:#000091}',
        '@font-face{font-family:Marianne;src:url(fonts/Marianne-Regular.woff2)}',
        'a{color:inherit}',
        '.fr-btn{color:var(--blue)}',
        '.fr-btn--secondary:not(.fr-btn--sm){border:1px solid}',
        '.fr-quote{margin:0}',
        '.fr-quote .fr-btn,.fr-btn.fr-mt-2w{padding:0}',
        '.fr-grid-row{display:flex}',
        '.fr-text--xs{font-size:.75rem}',
        '.fr-collapsing{transition:none}',
        '.fr-modal{display:none}.fr-modal__body{overflow:auto}',
        '@media (min-width:48em){.fr-quote{margin:1rem}.fr-col-md-7{flex:0 0 58.3333333333%}}',
        '@keyframes spin{from{transform:rotate(0)}}',
      ].join('\n');
      const sizes: number[] = [];
      const plugin = trimDsfrCss({ sources: [join(root, 'src')], nodeModules: join(root, 'node_modules'), report: (before, after) => sizes.push(before, after) });
      const result = await postcss([plugin]).process(css, { from: join(root, 'node_modules/@codegouvfr/react-dsfr/dsfr/dsfr.min.css') });
      expect(result.css.split('\n')).toEqual([
        ':root{--blue:#000091}',
        '@font-face{font-family:Marianne;src:url(fonts/Marianne-Regular.woff2)}',
        'a{color:inherit}',
        '.fr-btn{color:var(--blue)}',
        '.fr-btn--secondary:not(.fr-btn--sm){border:1px solid}',
        '.fr-btn.fr-mt-2w{padding:0}',
        '.fr-grid-row{display:flex}',
        '.fr-text--xs{font-size:.75rem}',
        '.fr-collapsing{transition:none}',
        '@keyframes spin{from{transform:rotate(0)}}',
      ]);
      expect(sizes[1]).toBeLessThan(sizes[0]);

      // Other stylesheets pass untouched.
      const other = await postcss([plugin]).process('.fr-quote{margin:0}', { from: join(root, 'src/page.css') });
      expect(other.css).toBe('.fr-quote{margin:0}');
    });
  });
});

import { DONNEES_PVD_COLONNES } from '@suivi-pvd/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('open data documentation', () => {
  it('documents every column, in order, in docs/open-data.md', () => {
    const doc = readFileSync(join(__dirname, '../../../../docs/open-data.md'), 'utf8');
    const documented = [...doc.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual(DONNEES_PVD_COLONNES.map((c) => c.name));
  });
});

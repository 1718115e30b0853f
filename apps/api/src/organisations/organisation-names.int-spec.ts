import { MIGRATIONS } from '@suivi-pvd/migrations';
import { useTestApp } from '../test/test-app';

describe('commune organisation names from earlier versions', () => {
  const t = useTestApp();

  it('are renamed as French writes them, names changed by hand left alone', async () => {
    const insert = (nom: string, insee: string) =>
      t.dataSource.query(`INSERT INTO organisation (type, nom, commune_insee) VALUES ('commune', $1, $2) RETURNING id`, [nom, insee]).then((r: { id: string }[]) => r[0].id);
    const ahun = await insert('Commune de Ahun', '23001');
    const ajain = await insert('Commune de Ajain', '23002');
    const gueret = await insert('Commune de Guéret', '23096');
    const renamed = await insert('Mairie de Bétête', '23022');
    const leBlanc = await insert('Commune de Le Blanc', '36018');
    const runner = t.dataSource.createQueryRunner();
    try {
      const migration = MIGRATIONS.find((m) => m.name === 'OrganisationCommuneNames1764100000036');
      if (!migration) throw new Error('migration not found');
      await new migration().up(runner);
    } finally {
      await runner.release();
    }
    const rows: { id: string; nom: string; version: number }[] = await t.dataSource.query('SELECT id, nom, version FROM organisation WHERE id = ANY($1::uuid[])', [[ahun, ajain, gueret, renamed, leBlanc]]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(ahun)).toMatchObject({ nom: 'Commune d’Ahun', version: 2 });
    expect(byId.get(ajain)).toMatchObject({ nom: 'Commune d’Ajain', version: 2 });
    expect(byId.get(gueret)).toMatchObject({ nom: 'Commune de Guéret', version: 1 });
    expect(byId.get(leBlanc)).toMatchObject({ nom: 'Commune du Blanc', version: 2 });
    expect(byId.get(renamed)).toMatchObject({ nom: 'Mairie de Bétête', version: 1 });
  });
});

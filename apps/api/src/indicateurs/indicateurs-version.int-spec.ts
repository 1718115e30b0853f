import { useTestApp, type SignedInClient } from '../test/test-app';
import { SOURCES } from './engine/sources';

/**
 * Figures are reused only while the data behind them is unchanged: every write to a table the
 * indicators read changes the data version in the writer's transaction, so the next request
 * computes again and never serves the figure of before the write.
 */
describe('indicators: never a stale figure', () => {
  const t = useTestApp();
  let anct: SignedInClient;

  beforeAll(async () => {
    anct = await t.signIn('anct_directeur');
  });

  const p1 = async () => (await anct.agent.get('/api/indicateurs/P1?date=2024-01-01').expect(200)).body.valeur as number;
  const tableauP1 = async () =>
    ((await anct.agent.get('/api/indicateurs/tableau?section=programme&date=2024-01-01').expect(200)).body.indicateurs as { id: string; valeur: number }[]).find((i) => i.id === 'P1')?.valeur;
  const detailTotal = async () => (await anct.agent.get('/api/indicateurs/P1/detail?date=2024-01-01&pageSize=1').expect(200)).body.total as number;

  it('follows every write at once, in the value, the dashboard and the drill-down', async () => {
    const [{ id }] = await t.dataSource.query(`INSERT INTO pvd (id_pvd) VALUES ('VERSION-A') RETURNING id`);
    const before = await p1();
    expect(await p1()).toBe(before);
    expect(await tableauP1()).toBe(before);
    expect(await detailTotal()).toBe(before);

    await t.dataSource.query(`INSERT INTO pvd_commune_periode (commune_insee, pvd_id, debut, motif_debut) VALUES ('23001', $1, '2021-01-01', 'selection')`, [id]);
    expect(await p1()).toBe(before + 1);
    expect(await tableauP1()).toBe(before + 1);
    expect(await detailTotal()).toBe(before + 1);

    await t.dataSource.query(`UPDATE pvd_commune_periode SET fin = '2023-06-30', motif_fin = 'retrait' WHERE pvd_id = $1`, [id]);
    expect(await p1()).toBe(before);
    expect(await tableauP1()).toBe(before);
    expect(await detailTotal()).toBe(before);
  });

  it('changes the version with every committed write to a source table, never with a rolled-back one', async () => {
    const version = async () => Number((await t.dataSource.query('SELECT sum(version) AS v FROM indicateurs_version'))[0].v);
    const v0 = await version();
    await t.dataSource.query(`UPDATE commune SET densite = densite WHERE insee = '23001'`);
    const v1 = await version();
    expect(v1).toBeGreaterThan(v0);
    await t.dataSource.transaction(async (m) => {
      await m.query(`UPDATE commune SET densite = densite WHERE insee = '23001'`);
      throw new Error('rolled back');
    }).catch(() => undefined);
    expect(await version()).toBe(v1);
  });

  it('does not hold up other writers while a long transaction runs', async () => {
    const long = t.dataSource.createQueryRunner();
    await long.connect();
    await long.startTransaction();
    try {
      await long.query(`INSERT INTO valeur_reference (cle, zone_type, zone_code, date_valeur, valeur, source) VALUES ('france_services_total', 'nation', '', '2020-01-01', 1, 'long')`);
      // Another writer of the same table goes through at once (the version is bumped at commit only).
      await t.dataSource.query(`SET lock_timeout = '2s'`);
      await t.dataSource.query(`INSERT INTO valeur_reference (cle, zone_type, zone_code, date_valeur, valeur, source) VALUES ('france_services_total', 'nation', '', '2020-01-02', 1, 'court')`);
      await long.commitTransaction();
    } finally {
      await long.release();
    }
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM valeur_reference WHERE source IN ('long', 'court')`))[0].n).toBe(2);
  });

  it('has the version trigger on each table named in the engine’s sources', async () => {
    const sourceNames = new Set(Object.keys(SOURCES));
    const read = new Set<string>();
    for (const { sql } of Object.values(SOURCES)) {
      for (const m of sql.matchAll(/\b(?:FROM|JOIN)\s+([a-z_]+)\b(?!\s*\()/g)) if (!sourceNames.has(m[1])) read.add(m[1]);
    }
    // `pvd_communes_au(day)` reads the membership periods.
    read.add('pvd_commune_periode');
    const rows: { table: string }[] = await t.dataSource.query(
      `SELECT c.relname AS table FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid WHERE tg.tgname = 'trg_' || c.relname || '_indicateurs_version'`,
    );
    const watched = new Set(rows.map((r) => r.table));
    expect([...read].filter((table) => !watched.has(table)).sort()).toEqual([]);
    expect(read.has('club_evenement') && read.has('fiche_projet')).toBe(true);
  });
});

import { DataSource } from 'typeorm';
import { ENTITIES } from '../../entities';
import { useTestApp } from '../../test/test-app';
import { dataSourceOptions } from './data-source-options';
import { GENERIC_PLAN, MAX_PREPARED, poolOptions, statementName } from './preparing-client';

/** The statements prepared on the connection of `run` (pg_prepared_statements is per connection). */
async function preparedOn(dataSource: DataSource, run: (query: (sql: string, params?: unknown[]) => Promise<unknown[]>) => Promise<void>): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  try {
    await run((sql, params) => runner.query(sql, params));
    const rows: { name: string }[] = await runner.query('SELECT name FROM pg_prepared_statements ORDER BY name');
    return rows.map((r) => r.name);
  } finally {
    await runner.release();
  }
}

const urlOf = (dataSource: DataSource): string => (dataSource.options as { url: string }).url;

describe('Reads as named prepared statements', () => {
  const t = useTestApp();

  it('prepares a read with parameters once per connection, under the digest of its text, and answers as before', async () => {
    const sql = 'SELECT insee, nom FROM commune WHERE insee = $1';
    const names = await preparedOn(t.dataSource, async (query) => {
      expect(await query(sql, ['23001'])).toEqual([{ insee: '23001', nom: expect.any(String) }]);
      // The same text with other values: the same statement, new answers.
      expect(await query(sql, ['23008'])).toEqual([{ insee: '23008', nom: expect.any(String) }]);
      expect(await query(sql, ['00000'])).toEqual([]);
    });
    expect(names.filter((n) => n === statementName(sql))).toHaveLength(1);
  });

  it('sends writes, statements without parameters and statements after the bound unnamed', async () => {
    const names = await preparedOn(t.dataSource, async (query) => {
      await query('SELECT count(*) FROM commune');
      await query('BEGIN');
      await query('CREATE TEMPORARY TABLE prepared_probe (n int) ON COMMIT DROP');
      await query('INSERT INTO prepared_probe (n) VALUES ($1)', [1]);
      await query('ROLLBACK');
    });
    expect(names.filter((n) => n.startsWith('s_'))).not.toContain(statementName('INSERT INTO prepared_probe (n) VALUES ($1)'));
    expect(names).not.toContain(statementName('SELECT count(*) FROM commune'));

    // A connection of its own, so that the bound is reached on it alone.
    const own = await new DataSource(dataSourceOptions(urlOf(t.dataSource), ENTITIES, { extra: { ...poolOptions(), max: 1 } })).initialize();
    try {
      const texts = Array.from({ length: MAX_PREPARED + 5 }, (_, i) => `SELECT $1::int + ${i} AS n`);
      const prepared = await preparedOn(own, async (query) => {
        for (const [i, text] of texts.entries()) expect(await query(text, [1])).toEqual([{ n: 1 + i }]);
      });
      expect(prepared).toHaveLength(MAX_PREPARED);
      expect(prepared).not.toContain(statementName(texts.at(-1) ?? ''));
    } finally {
      await own.destroy();
    }
  });

  it('runs a statement marked GENERIC_PLAN with a generic plan, then leaves the connection as it was, even after a failure in a transaction', async () => {
    const marked = `${GENERIC_PLAN}SELECT insee FROM commune WHERE insee = ANY($1::varchar[])`;
    const plain = 'SELECT insee FROM commune WHERE insee = ANY($1::varchar[]) ORDER BY insee';
    const runner = t.dataSource.createQueryRunner();
    try {
      expect(await runner.query(marked, [['23001', '23008']])).toHaveLength(2);
      await runner.query(plain, [['23001']]);
      const plans: { name: string; generic_plans: string; custom_plans: string }[] = await runner.query(
        'SELECT name, generic_plans::text, custom_plans::text FROM pg_prepared_statements',
      );
      const of = (text: string) => plans.find((p) => p.name === statementName(text));
      expect(of(marked)).toMatchObject({ generic_plans: '1', custom_plans: '0' });
      expect(of(plain)).toMatchObject({ generic_plans: '0', custom_plans: '1' });
      expect(await runner.query('SHOW plan_cache_mode')).toEqual([{ plan_cache_mode: 'auto' }]);

      await runner.query('BEGIN');
      await expect(runner.query(marked, [['x'.repeat(20)]]).then(() => runner.query(`${GENERIC_PLAN}SELECT $1::uuid`, ['not-a-uuid']))).rejects.toThrow();
      await runner.query('ROLLBACK');
      expect(await runner.query('SHOW plan_cache_mode')).toEqual([{ plan_cache_mode: 'auto' }]);
    } finally {
      await runner.release();
    }
  });

  it('prepares nothing when turned off (DB_PREPARED_STATEMENTS=false)', async () => {
    const own = await new DataSource(dataSourceOptions(urlOf(t.dataSource), ENTITIES, { extra: poolOptions(false) })).initialize();
    try {
      const names = await preparedOn(own, async (query) => {
        await query('SELECT insee FROM commune WHERE insee = $1', ['23001']);
      });
      expect(names).toEqual([]);
    } finally {
      await own.destroy();
    }
  });
});

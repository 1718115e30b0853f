import { DataSource } from 'typeorm';
import { ENTITIES } from '../../entities';
import { useTestApp } from '../../test/test-app';
import { dataSourceOptions } from './data-source-options';
import { MAX_PREPARED, poolOptions, statementName } from './preparing-client';

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

import { useTestApp } from '../../test/test-app';
import { DataVersionMemo } from './data-version-memo';

describe('results kept per data version', () => {
  const t = useTestApp();

  it('computes once while no write commits, again after any write to the programme data, never a failure kept', async () => {
    const memo = new DataVersionMemo(t.dataSource);
    let computed = 0;
    const count = () =>
      memo.get('missions', async () => {
        computed++;
        const [row] = await t.dataSource.query('SELECT count(*)::int AS n FROM ort');
        return row.n as number;
      });
    const first = await count();
    expect(await Promise.all([count(), count()])).toEqual([first, first]);
    expect(computed).toBe(1);

    // A committed write to a table of the programme's data: the next read computes again and sees it.
    await t.dataSource.query(`INSERT INTO ort (libelle, statut) VALUES ('ORT de test', 'en_preparation')`);
    expect(await count()).toBe(first + 1);
    expect(computed).toBe(2);

    // A write rolled back changes nothing.
    await t.dataSource.transaction(async (em) => {
      await em.query(`INSERT INTO ort (libelle, statut) VALUES ('ORT annulée', 'en_preparation')`);
      await em.query('SELECT 1/0').catch(() => undefined);
      throw new Error('rollback');
    }).catch(() => undefined);
    expect(await count()).toBe(first + 1);
    expect(computed).toBe(2);

    // A failed computation is not kept.
    await expect(memo.get('failing', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(memo.get('failing', async () => 'ok')).resolves.toBe('ok');
  });
});

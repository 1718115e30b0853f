import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTestApp } from '../../test/test-app';

describe('SQL recording for the benchmarks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sql-recorder-'));
  const t = useTestApp(() => {
    // Read when the app is built: set for this file's app only.
    process.env.BENCH_RECORD_SQL_DIR = dir;
    return {};
  });
  afterAll(() => {
    delete process.env.BENCH_RECORD_SQL_DIR;
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes the statements of a request that asks, with their parameters, and those of no other", async () => {
    const { agent } = await t.signIn('anct_directeur');
    await agent.get('/api/communes?q=ahun').set('x-bench-record-sql', 'communes-ahun').expect(200);
    await agent.get('/api/communes?q=ajain').expect(200);
    await agent.get('/api/communes?q=x').set('x-bench-record-sql', '../escape').expect(200);
    await new Promise((done) => setTimeout(done, 100));
    const statements: { sql: string; params: unknown[] }[] = JSON.parse(readFileSync(join(dir, 'communes-ahun.json'), 'utf8'));
    const search = statements.find((s) => s.sql.includes('FROM commune c'));
    expect(search?.params).toContain('%ahun%');
    expect(statements.some((s) => s.params.includes('%ajain%'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['communes-ahun.json']);
  });
});

import { pendingSchemaChanges } from '../../tools/schema-diff';
import { createDatabaseFromTemplate, dropDatabase, runDatabasePrefix } from '../../test/test-database';
import { useTestApp } from '../../test/test-app';

describe('database schema', () => {
  it('is fully described by the migrations: entities and migrations agree', async () => {
    const name = `${runDatabasePrefix()}schema`;
    const url = await createDatabaseFromTemplate(name);
    try {
      const { up } = await pendingSchemaChanges(url);
      // Not empty? Write a migration in migrations/ with these statements (npm run migration:diff prints them).
      expect(up).toEqual([]);
    } finally {
      await dropDatabase(name);
    }
  });

  describe('audit log', () => {
    const t = useTestApp();

    it('is append-only', async () => {
      await t.dataSource.query(
        `INSERT INTO audit_log (actor_label, action, entity_type, entity_id) VALUES ('test', 'test', 'test', '1')`,
      );
      await expect(t.dataSource.query(`UPDATE audit_log SET action = 'changed'`)).rejects.toThrow(/append-only/);
      await expect(t.dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    });
  });
});

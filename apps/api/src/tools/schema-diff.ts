import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../core/database/data-source-options';
import { ENTITIES } from '../entities';

/**
 * The SQL TypeORM would run to make the database match the entities, once every migration has
 * run. Empty when entities and migrations agree; otherwise, the body of the missing migration.
 */
export async function pendingSchemaChanges(databaseUrl: string): Promise<{ up: string[]; down: string[] }> {
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, ENTITIES, { migrationsRun: false, logging: false }));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return {
      up: sql.upQueries.map((q) => q.query),
      down: sql.downQueries.map((q) => q.query),
    };
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  const url = process.argv[2] ?? process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('Usage: schema-diff <database url of a scratch database>\n');
    process.exit(2);
  }
  pendingSchemaChanges(url).then(
    ({ up, down }) => {
      process.stdout.write(up.length === 0 ? '-- entities and migrations agree\n' : `-- up\n${up.join(';\n')};\n-- down\n${down.reverse().join(';\n')};\n`);
    },
    (error) => {
      process.stderr.write(`${error}\n`);
      process.exit(1);
    },
  );
}

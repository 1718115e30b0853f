import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '@suivi-pvd/migrations';
import { poolOptions } from './preparing-client';

/**
 * The one place the TypeORM connection is described: app, CLI, tests and the schema check use it.
 * The entities come from the caller, the application's list (apps/api/src/entities.ts): core knows no area.
 */
export function dataSourceOptions(url: string, entities: NonNullable<DataSourceOptions['entities']>, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    // Schema changes are migrations, always.
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    applicationName: 'suivi-pvd',
    // Parameterised reads as named prepared statements: parsed and planned once per connection.
    extra: poolOptions(),
    ...overrides,
  } as DataSourceOptions;
}

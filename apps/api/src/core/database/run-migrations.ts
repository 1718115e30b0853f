import { Logger } from '@nestjs/common';
import type { DataSource, Migration } from 'typeorm';

/**
 * Session advisory lock held while migrations run (first key 80082, the platform's start-up locks;
 * second key 1). TypeORM takes no lock of its own: two API processes starting together on a
 * database with pending migrations would both run them, the second failing half-way on "already
 * exists", or, for a migration that only changes data, applying it twice.
 */
export const MIGRATIONS_LOCK = [80_082, 1] as const;

/**
 * Runs the pending migrations, each in its own transaction, one process at a time: a process that
 * finds the lock taken waits for it, then finds nothing left to run. Returns the migrations this
 * process ran.
 */
export async function runPendingMigrations(dataSource: DataSource, logger: Pick<Logger, 'log'> = new Logger('Migrations')): Promise<Migration[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    const [{ taken }] = await lock.query('SELECT pg_try_advisory_lock($1, $2) AS taken', [...MIGRATIONS_LOCK]);
    if (!taken) {
      logger.log('Another process is running the migrations: waiting for it');
      await lock.query('SELECT pg_advisory_lock($1, $2)', [...MIGRATIONS_LOCK]);
    }
    try {
      const ran = await dataSource.runMigrations({ transaction: 'each' });
      if (ran.length > 0) logger.log(`Migrations applied: ${ran.map((m) => m.name).join(', ')}`);
      return ran;
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1, $2)', [...MIGRATIONS_LOCK]).catch(() => undefined);
    }
  } finally {
    await lock.release();
  }
}

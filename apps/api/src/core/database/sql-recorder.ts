import { AsyncLocalStorage } from 'node:async_hooks';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * For the benchmarks only (tests/perf): the SQL statements one request runs, recorded so that the
 * same statements can be replayed alone on bare connections and compared with the route. Off
 * unless BENCH_RECORD_SQL_DIR is set, and never in production.
 */
interface Recording {
  statements: { sql: string; params: unknown[] }[];
}

const current = new AsyncLocalStorage<Recording>();

/** The directory recordings go to, when recording is on. */
export function sqlRecordingDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const dir = env.BENCH_RECORD_SQL_DIR?.trim();
  return dir && env.NODE_ENV !== 'production' ? dir : null;
}

/** A TypeORM logger that records each statement of the request it runs for, and prints nothing (as `logging: false`). */
export const recordingSqlLogger: TypeOrmLogger = {
  logQuery: (sql, params) => void current.getStore()?.statements.push({ sql, params: Array.isArray(params) ? params : [] }),
  logQueryError: () => undefined,
  logQuerySlow: () => undefined,
  logSchemaBuild: () => undefined,
  logMigration: () => undefined,
  log: () => undefined,
};

const NAME = /^[a-z0-9-]{1,64}$/;

/** A request with `x-bench-record-sql: <name>` has its statements written to `<dir>/<name>.json` when it ends. */
export function sqlRecordingMiddleware(dir: string) {
  return (request: Request, response: Response, next: NextFunction) => {
    const name = request.header('x-bench-record-sql');
    if (!name || !NAME.test(name)) return next();
    const recording: Recording = { statements: [] };
    response.on('finish', () => void writeFile(join(dir, `${name}.json`), JSON.stringify(recording.statements)));
    current.run(recording, next);
  };
}

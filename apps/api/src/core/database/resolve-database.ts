import type { Logger } from 'pino';
import { AppConfig } from '../config/config';
import { ensureDatabase, startEmbeddedPostgres } from './embedded-postgres';

export const EMBEDDED_DATABASE = 'suivi_pvd';

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL, started (and initialised the first time) here. */
export async function resolveDatabase(config: AppConfig, logger: Logger): Promise<ResolvedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  const started = Date.now();
  const pg = await startEmbeddedPostgres({
    dataDir: config.embeddedPg.dataDir,
    port: config.embeddedPg.port,
    onLog: (message) => logger.debug({ component: 'embedded-postgres' }, message.trim()),
  });
  await ensureDatabase(pg.serverUrl, EMBEDDED_DATABASE);
  logger.info({ dataDir: config.embeddedPg.dataDir, port: config.embeddedPg.port, ms: Date.now() - started }, 'Embedded PostgreSQL ready');
  return { url: pg.urlFor(EMBEDDED_DATABASE), embedded: true, stop: () => pg.stop() };
}

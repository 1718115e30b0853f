import 'reflect-metadata';
import { loadConfigOrExit } from './core/config/config';
import { resolveDatabase } from './core/database/resolve-database';
import { createRootLogger } from './core/logging/logger';
import { createApp } from './create-app';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/demo-seed.service';
import { runStartupTasks } from './startup';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createRootLogger(config.logLevel);
  const started = Date.now();
  const database = await resolveDatabase(config, logger);
  let app: Awaited<ReturnType<typeof createApp>>;
  let demoSeeded: boolean;
  try {
    app = await createApp(config, database.url, logger);
    ({ demoSeeded } = await runStartupTasks(app, config));
    await app.listen(config.port, config.host);
  } catch (error) {
    // An embedded PostgreSQL started for this process goes with it, even when the start fails.
    await database.stop().catch(() => undefined);
    throw error;
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close(); // stops accepting connections, finishes in-flight requests, closes the pool
    await database.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  const url = `http://localhost:${config.port}`;
  logger.info({ url, ms: Date.now() - started, embeddedDatabase: database.embedded }, 'Suivi PVD started');
  const lines = [
    '',
    `  Suivi PVD is running: ${url}   (API documentation: ${url}/api/docs)`,
  ];
  if (config.demoSeed) {
    lines.push(`  Demo accounts${demoSeeded ? ' (just created)' : ''}, password "${DEMO_PASSWORD}":`);
    for (const a of DEMO_ACCOUNTS) lines.push(`    - ${a.email.padEnd(36)} ${a.description}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error) => {
  process.stderr.write(`Suivi PVD failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

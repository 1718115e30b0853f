import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { AppModule } from './app.module';
import { loadConfig } from './core/config/config';
import { resolveDatabase } from './core/database/resolve-database';
import { createRootLogger, PinoNestLogger } from './core/logging/logger';
import { ImportPvdService } from './pvd/import-pvd.service';
import { ImportDensiteService } from './referentiel/import-densite.service';
import { LoadReferentielService } from './referentiel/load-referentiel.service';
import { AppError } from './core/errors/app-error';

const USAGE = `Usage: npm run cli -- <command>
  import-pvd <file.csv>        import the list of PVD communes (data.gouv.fr format or 2021 export)
  import-densite <file>        import the INSEE grille communale de densité, 7 levels (XLSX as published, or CSV: CODGEO, DENS, LIBDENS)
  load-densite [--force]       (re)load the density grid shipped with the application
  load-referentiel [--force]   (re)load régions, départements, EPCI and communes
Uses DATABASE_URL, or the embedded PostgreSQL like the app.`;

async function main(argv: string[]): Promise<number> {
  const [command, arg] = argv;
  if (!command || command === '--help' || !['import-pvd', 'import-densite', 'load-referentiel', 'load-densite'].includes(command)) {
    process.stdout.write(`${USAGE}\n`);
    return command && command !== '--help' ? 2 : 0;
  }
  if ((command === 'import-pvd' || command === 'import-densite') && !arg) {
    process.stderr.write(`${command}: a ${command === 'import-pvd' ? 'CSV' : 'XLSX or CSV'} file is required.\n${USAGE}\n`);
    return 2;
  }
  const config = { ...loadConfig(), logLevel: 'warn' as const };
  const logger = createRootLogger(process.env.LOG_LEVEL ?? 'warn');
  const database = await resolveDatabase(config, logger);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, database.url), { logger: new PinoNestLogger(logger) });
  const actor = { id: null, label: `CLI (${userInfo().username})` };
  try {
    // The other commands need the référentiel (skipped when up to date); load-referentiel loads it once, below.
    if (command !== 'load-referentiel') await app.get(LoadReferentielService).load();
    if (command === 'import-pvd') {
      const report = await app.get(ImportPvdService).import(basename(arg), readFileSync(arg), actor);
      for (const l of report.lines) {
        const text = l.status === 'rejected' ? `rejected  ${l.reason}: ${l.message}` : `warning   ${l.warnings.join(' ')}`;
        process.stdout.write(`line ${String(l.line).padStart(5)}  ${text}\n`);
      }
      process.stdout.write(
        `\n${report.fileName} (${report.format}): ${report.totalLines} lines, ${report.created} communes added, ` +
          `${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected} rejected.\n`,
      );
    } else if (command === 'import-densite') {
      const result = await app.get(ImportDensiteService).import(readFileSync(arg), actor);
      for (const l of result.lines) process.stdout.write(`line ${String(l.line).padStart(5)}  rejected: ${l.message}\n`);
      process.stdout.write(`\n${result.format.toUpperCase()}, header on line ${result.headerLine}: ${result.totalLines} lines, ${result.updated} updated, ${result.unchanged} unchanged, ${result.rejected} rejected.\n`);
    } else if (command === 'load-densite') {
      const result = await app.get(ImportDensiteService).loadShipped({ force: arg === '--force' });
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } else {
      const result = await app.get(LoadReferentielService).load({ force: arg === '--force' });
      process.stdout.write(`${JSON.stringify(result)}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      process.stderr.write(`${error.code}: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await app.close();
    await database.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

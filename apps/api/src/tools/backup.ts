import 'reflect-metadata';
import { backup, restore } from '../backup/backup';
import { loadConfigOrExit } from '../core/config/config';
import { resolveDatabase } from '../core/database/resolve-database';
import { createRootLogger } from '../core/logging/logger';
import { createDocumentStorage } from '../documents/storage/create-document-storage';
import { S3Storage } from '../documents/storage/s3.storage';

/**
 * `npm run backup -- <folder>` and `npm run restore -- <folder>` (docs/operations.md): the database
 * and the document store the platform's own variables point at (DATABASE_URL, DOCUMENTS_STORAGE…).
 */
async function main(command: string | undefined, folder: string | undefined): Promise<void> {
  if ((command !== 'backup' && command !== 'restore') || !folder) {
    process.stderr.write('Usage: npm run backup -- <new folder>   |   npm run restore -- <backup folder>\n');
    process.exit(2);
  }
  const config = loadConfigOrExit();
  const logger = createRootLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const database = await resolveDatabase(config, logger);
  const storage = createDocumentStorage(config.documentStore);
  const log = (message: string) => process.stdout.write(`${message}\n`);
  try {
    await (command === 'backup' ? backup : restore)(folder, { databaseUrl: database.url, storage, log });
  } finally {
    if (storage instanceof S3Storage) storage.onModuleDestroy();
    await database.stop();
  }
}

main(process.argv[2], process.argv[3]).catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

import type { INestApplicationContext } from '@nestjs/common';
import { AppConfig } from './core/config/config';
import { DemoSeedService } from './demo/demo-seed.service';
import { DocumentStorage } from './documents/storage/document-storage';
import { ImportDensiteService } from './referentiel/import-densite.service';
import { LoadReferentielService } from './referentiel/load-referentiel.service';

/**
 * Work done once the schema is migrated: a check of the document store, the référentiel and the density grid shipped with the
 * application (each skipped when already loaded), then demo data on an empty database.
 */
export async function runStartupTasks(app: INestApplicationContext, config: AppConfig): Promise<{ demoSeeded: boolean }> {
  // A document store that cannot be reached stops the start, rather than every upload later.
  await app.get(DocumentStorage).check();
  if (config.loadReferentiel) {
    await app.get(LoadReferentielService).load();
    await app.get(ImportDensiteService).loadShipped();
  }
  const demoSeeded = config.demoSeed ? await app.get(DemoSeedService).seedIfEmpty() : false;
  return { demoSeeded };
}

import type { INestApplicationContext } from '@nestjs/common';
import { AppConfig } from './core/config/config';
import { DemoSeedService } from './demo/demo-seed.service';
import { LoadReferentielService } from './referentiel/load-referentiel.service';

/** Work done once the schema is migrated: the référentiel, then demo data on an empty database. */
export async function runStartupTasks(app: INestApplicationContext, config: AppConfig): Promise<{ demoSeeded: boolean }> {
  if (config.loadReferentiel) await app.get(LoadReferentielService).load();
  const demoSeeded = config.demoSeed ? await app.get(DemoSeedService).seedIfEmpty() : false;
  return { demoSeeded };
}

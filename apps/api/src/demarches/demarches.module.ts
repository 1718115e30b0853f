import { Module } from '@nestjs/common';
import { DemarchesController } from './demarches.controller';
import { DemarchesExportController } from './demarches-export.controller';
import { DemarchesService } from './demarches.service';

/** Thematic schemes and participations. */
@Module({ controllers: [DemarchesExportController, DemarchesController], providers: [DemarchesService] })
export class DemarchesModule {}

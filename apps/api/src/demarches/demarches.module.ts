import { Module } from '@nestjs/common';
import { DemarchesController } from './demarches.controller';
import { DemarchesService } from './demarches.service';

/** Thematic schemes and participations. */
@Module({ controllers: [DemarchesController], providers: [DemarchesService] })
export class DemarchesModule {}

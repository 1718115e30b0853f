import { Module } from '@nestjs/common';
import { IndicateursController } from './indicateurs.controller';
import { IndicateursService } from './indicateurs.service';

/** The indicators engine and its routes: catalogue, values, dashboard sections, drill-downs and exports. */
@Module({
  controllers: [IndicateursController],
  providers: [IndicateursService],
  exports: [IndicateursService],
})
export class IndicateursModule {}

import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IndicateursController } from './indicateurs.controller';
import { IndicateursService } from './indicateurs.service';
import { ValeursReferenceController } from './valeurs-reference.controller';
import { ValeursReferenceService } from './valeurs-reference.service';

/** The indicators engine and its routes: catalogue, values, dashboard sections, drill-downs and exports. */
@Module({
  imports: [AuditModule],
  controllers: [IndicateursController, ValeursReferenceController],
  providers: [IndicateursService, ValeursReferenceService],
  exports: [IndicateursService],
})
export class IndicateursModule {}

import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IndicateursModule } from '../indicateurs/indicateurs.module';
import { RapportsController } from './rapports.controller';
import { RapportsService } from './rapports.service';

/** Pilotage: the Point d'avancement rendered as PDF by a background job, kept and published. */
@Module({
  imports: [AuditModule, IndicateursModule],
  controllers: [RapportsController],
  providers: [RapportsService],
})
export class PilotageModule {}

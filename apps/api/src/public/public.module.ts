import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IndicateursModule } from '../indicateurs/indicateurs.module';
import { IndicateursPublicsController, PublicController } from './public.controller';
import { PublicService } from './public.service';

/** Public pages and open data (no login), and the ANCT's choice of public figures. */
@Module({
  imports: [AuditModule, IndicateursModule],
  controllers: [PublicController, IndicateursPublicsController],
  providers: [PublicService],
  exports: [PublicService],
})
export class PublicModule {}

import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { FinanceursService } from './financeurs.service';
import { IngenierieExportController } from './ingenierie-export.controller';
import { MissionsController, PostesController } from './ingenierie.controller';
import { MissionsService } from './missions.service';
import { PosteAlertesJobs } from './poste-alertes.jobs';
import { PostesService } from './postes.service';
import { SubventionsRecalculService } from './subventions-recalcul.service';

@Module({ imports: [DocumentsModule], controllers: [IngenierieExportController, PostesController, MissionsController], providers: [PostesService, MissionsService, FinanceursService, SubventionsRecalculService, PosteAlertesJobs], exports: [PostesService] })
export class IngenierieModule {}

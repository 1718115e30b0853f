import { Module } from '@nestjs/common';
import { DispositifsService } from './dispositifs.service';
import { FinancementsExportService } from './financements-export.service';
import { FinancementsController } from './financements.controller';
import { LignesService } from './lignes.service';

/** Dispositifs catalogue and financing lines. */
@Module({ controllers: [FinancementsController], providers: [DispositifsService, LignesService, FinancementsExportService] })
export class FinancementsModule {}

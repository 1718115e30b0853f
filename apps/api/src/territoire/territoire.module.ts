import { Module } from '@nestjs/common';
import { OperationsHabitatService } from './operations-habitat.service';
import { OrtsService } from './orts.service';
import { TerritoireController } from './territoire.controller';
import { TerritoireExportController } from './territoire-export.controller';

/** ORT and habitat operations. */
@Module({ controllers: [TerritoireExportController, TerritoireController], providers: [OrtsService, OperationsHabitatService] })
export class TerritoireModule {}

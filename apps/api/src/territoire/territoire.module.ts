import { Module } from '@nestjs/common';
import { OperationsHabitatService } from './operations-habitat.service';
import { OrtsService } from './orts.service';
import { TerritoireController } from './territoire.controller';

/** ORT and habitat operations. */
@Module({ controllers: [TerritoireController], providers: [OrtsService, OperationsHabitatService] })
export class TerritoireModule {}

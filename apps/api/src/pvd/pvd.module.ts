import { Module } from '@nestjs/common';
import { ImportPvdService } from './import-pvd.service';
import { PvdImportsController } from './pvd.controller';

@Module({
  controllers: [PvdImportsController],
  providers: [ImportPvdService],
  exports: [ImportPvdService],
})
export class PvdModule {}

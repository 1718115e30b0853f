import { Module } from '@nestjs/common';
import { ImportPvdService } from './import-pvd.service';
import { ListPvdService } from './list-pvd.service';
import { PvdMembershipService } from './membership.service';
import { PvdDossiersController } from './pvd-dossiers.controller';
import { PvdImportsController } from './pvd.controller';

@Module({
  controllers: [PvdImportsController, PvdDossiersController],
  providers: [ImportPvdService, ListPvdService, PvdMembershipService],
  exports: [ImportPvdService],
})
export class PvdModule {}

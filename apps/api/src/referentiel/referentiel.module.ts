import { Module } from '@nestjs/common';
import { CommunesService } from './communes.service';
import { ImportDensiteService } from './import-densite.service';
import { LoadReferentielService } from './load-referentiel.service';
import { ReferentielController } from './referentiel.controller';

@Module({
  controllers: [ReferentielController],
  providers: [CommunesService, ImportDensiteService, LoadReferentielService],
  exports: [LoadReferentielService, CommunesService],
})
export class ReferentielModule {}

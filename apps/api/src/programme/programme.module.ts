import { Module } from '@nestjs/common';
import { ProgrammeController } from './programme.controller';
import { ProgrammeParametresService } from './programme-parametres.service';

@Module({ controllers: [ProgrammeController], providers: [ProgrammeParametresService], exports: [ProgrammeParametresService] })
export class ProgrammeModule {}

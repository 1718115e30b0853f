import { Module } from '@nestjs/common';
import { ActiviteController, DossierActiviteController } from './activite.controller';
import { ActiviteService } from './activite.service';

@Module({ controllers: [ActiviteController, DossierActiviteController], providers: [ActiviteService] })
export class ActiviteModule {}

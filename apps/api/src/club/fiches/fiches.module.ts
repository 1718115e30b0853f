import { Module } from '@nestjs/common';
import { DocumentsModule } from '../../documents/documents.module';
import { NotificationsModule } from '../../notifications/notifications.module';
import { FichesController, PublicFichesController } from './fiches.controller';
import { FichesService } from './fiches.service';

/** The projetothèque (issue 19): project sheets written by chefs de projet, reviewed and published by the ANCT. */
@Module({ imports: [DocumentsModule, NotificationsModule], controllers: [FichesController, PublicFichesController], providers: [FichesService], exports: [FichesService] })
export class FichesModule {}

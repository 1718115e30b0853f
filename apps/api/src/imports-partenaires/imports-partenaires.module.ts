import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ImportsPartenairesController } from './imports-partenaires.controller';
import { ImportsPartenairesService } from './imports-partenaires.service';

/** Partners’ bulk imports. */
@Module({ imports: [NotificationsModule], controllers: [ImportsPartenairesController], providers: [ImportsPartenairesService] })
export class ImportsPartenairesModule {}

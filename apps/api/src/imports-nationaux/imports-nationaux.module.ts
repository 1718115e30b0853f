import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { ImportsNationauxController } from './imports-nationaux.controller';
import { ImportsNationauxService } from './imports-nationaux.service';

/** The ANCT's national bulk loading (jobs on the queue). */
@Module({ imports: [NotificationsModule], controllers: [ImportsNationauxController], providers: [ImportsNationauxService] })
export class ImportsNationauxModule {}

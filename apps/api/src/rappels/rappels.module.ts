import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { RappelsController } from './rappels.controller';
import { RappelsJobs } from './rappels.jobs';
import { RappelsService } from './rappels.service';

/** Reminders (issue 18): the daily check of deadlines and waiting items, sent once per occurrence. */
@Module({ imports: [NotificationsModule], controllers: [RappelsController], providers: [RappelsService, RappelsJobs], exports: [RappelsService] })
export class RappelsModule {}

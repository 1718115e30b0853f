import { Module } from '@nestjs/common';
import { NotificationEmailsService } from './notification-emails.service';
import { NotificationsService } from './notifications.service';

/**
 * In-app notifications, preferences and emails (ADR 0013). Other areas import it and call
 * `NotificationsService.record(em, event)` in the transaction of the change.
 */
@Module({
  providers: [NotificationsService, NotificationEmailsService],
  exports: [NotificationsService],
})
export class NotificationsModule {}

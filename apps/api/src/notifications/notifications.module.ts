import { Module } from '@nestjs/common';
import { NotificationCentreService } from './notification-centre.service';
import { NotificationEmailsService } from './notification-emails.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

/**
 * In-app notifications, preferences and emails (ADR 0013). Other areas import it and call
 * `NotificationsService.record(em, event)` in the transaction of the change.
 */
@Module({
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationEmailsService, NotificationCentreService],
  exports: [NotificationsService],
})
export class NotificationsModule {}

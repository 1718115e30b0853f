import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { DiscussionsController } from './discussions.controller';
import { DiscussionsService } from './discussions.service';

/** Discussions beside each item (issue 18): threads, internal notes, mentions, attachments. */
@Module({ imports: [DocumentsModule, NotificationsModule], controllers: [DiscussionsController], providers: [DiscussionsService], exports: [DiscussionsService] })
export class DiscussionsModule {}

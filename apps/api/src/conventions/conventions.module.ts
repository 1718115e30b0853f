import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ConventionsController } from './conventions.controller';
import { ConventionsService } from './conventions.service';
import { WorkListService } from './work-list.service';

@Module({
  imports: [DocumentsModule, NotificationsModule],
  controllers: [ConventionsController],
  providers: [ConventionsService, WorkListService],
})
export class ConventionsModule {}

import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { EvenementsController } from './evenements.controller';
import { EvenementsService } from './evenements.service';

/** The Club (issue 19): events, trainings, département clubs' meetings and registrations (ADR 0016). */
@Module({ imports: [NotificationsModule], controllers: [EvenementsController], providers: [EvenementsService], exports: [EvenementsService] })
export class ClubModule {}

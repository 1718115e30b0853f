import { Module } from '@nestjs/common';
import { AuthModule } from '../core/auth/auth.module';
import { AccountEmailsService } from './account-emails.service';
import { AccountLinksController, ComptesController } from './comptes.controller';
import { ComptesService } from './comptes.service';
import { InvitationsService } from './invitations.service';
import { PasswordsService } from './passwords.service';

@Module({
  imports: [AuthModule],
  controllers: [ComptesController, AccountLinksController],
  providers: [AccountEmailsService, ComptesService, InvitationsService, PasswordsService],
})
export class ComptesModule {}

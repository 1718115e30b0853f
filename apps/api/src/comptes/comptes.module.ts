import { Module } from '@nestjs/common';
import { AuthModule } from '../core/auth/auth.module';
import { AccountLinksController, ComptesController } from './comptes.controller';
import { ComptesService } from './comptes.service';
import { InvitationsService } from './invitations.service';
import { PasswordsService } from './passwords.service';

@Module({
  imports: [AuthModule],
  controllers: [ComptesController, AccountLinksController],
  providers: [ComptesService, InvitationsService, PasswordsService],
})
export class ComptesModule {}

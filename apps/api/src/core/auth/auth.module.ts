import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { PasswordAttempts } from './password-attempts';
import { ProConnectController } from './proconnect/proconnect.controller';
import { ProConnectService } from './proconnect/proconnect.service';
import { SessionService } from './session.service';

@Module({
  controllers: [AuthController, ProConnectController],
  providers: [SessionService, ProConnectService, PasswordAttempts, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [SessionService, PasswordAttempts],
})
export class AuthModule {}

import { DynamicModule, Global, Module } from '@nestjs/common';
import { DevMailboxController } from './dev-mailbox.controller';
import { MAIL_CONFIG, MailConfig } from './mail.config';
import { Mailer } from './mailer.service';

/**
 * Provides `Mailer` everywhere. In sink mode outside production, also registers
 * GET/DELETE /api/dev/emails to read what the local SMTP sink captured.
 */
@Global()
@Module({})
export class MailModule {
  static forRoot(config: MailConfig): DynamicModule {
    return {
      module: MailModule,
      providers: [{ provide: MAIL_CONFIG, useValue: config }, Mailer],
      exports: [Mailer],
      controllers: config.mode === 'sink' && config.devMailbox ? [DevMailboxController] : [],
    };
  }
}

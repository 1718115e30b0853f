import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { MAIL_CONFIG, MailConfig } from './mail.config';
import { SmtpSink, startSmtpSink } from './smtp-sink';

export interface OutgoingEmail {
  /** One address or several; `Name <address>` accepted. */
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
  /** Message-ID, `<id@domain>`: a deterministic one lets a resend be recognised as the same email. */
  messageId?: string;
  /** Extra headers (List-Unsubscribe…). */
  headers?: Record<string, string>;
}

/** Message and code of any thrown value (duck-typed: `instanceof Error` fails across realms). */
function errorDetails(error: unknown): { message: string; code: string | null } {
  if (typeof error !== 'object' || error === null) return { message: String(error), code: null };
  const { message, code } = error as { message?: unknown; code?: unknown };
  return { message: typeof message === 'string' ? message : String(error), code: typeof code === 'string' ? code : null };
}

/** An email the SMTP server did not accept. The caller decides whether it is fatal. */
export class MailDeliveryError extends Error {
  /** Nodemailer's error code (ECONNECTION, EAUTH, EENVELOPE, ESOCKET, ETIMEDOUT…), when known. */
  readonly code: string | null;

  constructor(
    readonly subject: string,
    readonly recipientCount: number,
    cause: unknown,
  ) {
    const details = errorDetails(cause);
    super(`The email "${subject}" could not be sent: ${details.message}`, { cause });
    this.name = 'MailDeliveryError';
    this.code = details.code;
  }
}

/** Short timeouts: a request waiting on a dead SMTP server should fail, not hang for minutes. */
const TRANSPORT_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;

/**
 * Sends emails over SMTP with nodemailer. In sink mode (development and tests without
 * SMTP_URL), starts the embedded SMTP sink at module init and sends to it: nothing leaves the
 * machine, and `sink()` reads what was sent.
 */
@Injectable()
export class Mailer implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(Mailer.name);
  private transport: Transporter<SMTPTransport.SentMessageInfo> | null = null;
  private smtpSink: SmtpSink | null = null;

  constructor(@Inject(MAIL_CONFIG) private readonly config: MailConfig) {}

  async onModuleInit(): Promise<void> {
    if (this.config.mode === 'smtp') {
      this.transport = createTransport({ url: this.config.smtpUrl, ...TRANSPORT_TIMEOUTS });
      return;
    }
    this.smtpSink = await startSmtpSink({
      port: this.config.sinkPort,
      onError: (error) => this.logger.warn(`SMTP sink: ${error.message}`),
    });
    this.transport = createTransport({ host: this.smtpSink.host, port: this.smtpSink.port, secure: false, ignoreTLS: true, ...TRANSPORT_TIMEOUTS });
    this.logger.log(`Emails are captured by the local SMTP sink on ${this.smtpSink.host}:${this.smtpSink.port}, never sent out`);
  }

  async onModuleDestroy(): Promise<void> {
    this.transport?.close();
    this.transport = null;
    await this.smtpSink?.stop();
    this.smtpSink = null;
  }

  /** The embedded sink in sink mode, else null. */
  sink(): SmtpSink | null {
    return this.smtpSink;
  }

  /**
   * Sends one email; resolves once the SMTP server accepted it. Rejects with a
   * `MailDeliveryError`. The body is never logged: it may hold a sign-in or reset token.
   */
  async send(email: OutgoingEmail): Promise<void> {
    const recipients = Array.isArray(email.to) ? email.to : [email.to];
    if (!this.transport) {
      throw new MailDeliveryError(email.subject, recipients.length, new Error('the mailer is not started (module not initialised, or already closed)'));
    }
    try {
      const info = await this.transport.sendMail({
        from: this.config.from,
        to: recipients,
        subject: email.subject,
        text: email.text,
        ...(email.html === undefined ? {} : { html: email.html }),
        ...(email.messageId === undefined ? {} : { messageId: email.messageId }),
        ...(email.headers === undefined ? {} : { headers: email.headers }),
      });
      this.logger.debug(`Email "${email.subject}" accepted for ${recipients.length} recipient(s) (${info.messageId})`);
    } catch (error) {
      const failure = new MailDeliveryError(email.subject, recipients.length, error);
      this.logger.error(`Email to ${recipients.length} recipient(s) failed${failure.code ? ` [${failure.code}]` : ''}: ${failure.message}`);
      throw failure;
    }
  }
}

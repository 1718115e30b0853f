import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type * as MailparserModule from 'mailparser';
import type * as SmtpServerModule from 'smtp-server';
import type { SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

/**
 * A local SMTP server that accepts every email and keeps it in memory instead of delivering it:
 * development and tests send real SMTP through nodemailer and read what would have been sent.
 * Listens on 127.0.0.1 only, accepts any credentials (or none), offers no TLS, and keeps only
 * the last `maxMessages` emails.
 */
export interface CapturedEmail {
  id: string;
  receivedAt: Date;
  /** The From header as written (`Name <address>`), else the envelope sender. */
  from: string;
  /** Envelope recipients (bare addresses), Bcc included. */
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  /** The Message-ID header, as sent. */
  messageId: string | null;
  /** Every header by lower-cased name, unfolded (the last one of a repeated name). */
  headers: Record<string, string>;
}

export interface SmtpSink {
  readonly host: string;
  readonly port: number;
  /** Captured emails, oldest first (newest last). A copy: later emails do not change it. */
  messages(): CapturedEmail[];
  clear(): void;
  /**
   * The first captured email (oldest first) matching `predicate`, already received or arriving
   * within `timeoutMs`; rejects with an error listing what was captured otherwise.
   */
  waitFor(predicate: (email: CapturedEmail) => boolean, timeoutMs?: number): Promise<CapturedEmail>;
  /** Stops listening; pending `waitFor` calls reject. Safe to call twice. */
  stop(): Promise<void>;
}

export interface SmtpSinkOptions {
  /** 0 (default) picks a random free port. */
  port?: number;
  /** Emails kept in memory; older ones are dropped first. Default 200. */
  maxMessages?: number;
  /** Connection-level errors (client resets, parse failures); ignored when absent. */
  onError?: (error: Error) => void;
}

export const SINK_HOST = '127.0.0.1';
export const DEFAULT_SINK_MAX_MESSAGES = 200;
const MAX_EMAIL_BYTES = 10 * 1024 * 1024;
const DEFAULT_WAIT_MS = 5000;

/**
 * `smtp-server` and `mailparser` are devDependencies: they are loaded here, on first start, and
 * never at import time, so a production image pruned of dev dependencies still starts.
 * `require` rather than `import()`: Jest runs CommonJS without ESM support, and both packages
 * ship a CommonJS build.
 */
const loadOptional = createRequire(__filename);

function loadDevPackages(): { smtpServer: typeof SmtpServerModule; mailparser: typeof MailparserModule } {
  try {
    return {
      smtpServer: loadOptional('smtp-server') as typeof SmtpServerModule,
      mailparser: loadOptional('mailparser') as typeof MailparserModule,
    };
  } catch (error) {
    throw new Error(
      'The SMTP sink needs the dev dependencies smtp-server and mailparser, which are not installed here. ' +
        'Set SMTP_URL to send emails through a real SMTP server.',
      { cause: error },
    );
  }
}

interface Waiter {
  predicate: (email: CapturedEmail) => boolean;
  settle: (result: { email: CapturedEmail } | { error: Error }) => void;
}

function describe(emails: CapturedEmail[]): string {
  if (emails.length === 0) return 'no email captured';
  const last = emails.slice(-5).map((e) => `"${e.subject}" to ${e.to.join(', ')}`);
  return `${emails.length} captured, latest: ${last.join('; ')}`;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const maxMessages = options.maxMessages ?? DEFAULT_SINK_MAX_MESSAGES;
  if (!Number.isInteger(maxMessages) || maxMessages < 1) throw new Error(`maxMessages must be a positive integer (got ${maxMessages})`);
  const { smtpServer, mailparser } = loadDevPackages();

  let emails: CapturedEmail[] = [];
  const waiters = new Set<Waiter>();

  const capture = (email: CapturedEmail): void => {
    emails.push(email);
    if (emails.length > maxMessages) emails = emails.slice(-maxMessages);
    for (const waiter of [...waiters]) {
      let matches: boolean;
      try {
        matches = waiter.predicate(email);
      } catch (error) {
        waiter.settle({ error: error instanceof Error ? error : new Error(String(error)) });
        continue;
      }
      if (matches) waiter.settle({ email });
    }
  };

  const onData = (stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void): void => {
    mailparser.simpleParser(stream).then(
      (parsed) => {
        if (stream.sizeExceeded) {
          callback(Object.assign(new Error(`Message exceeds ${MAX_EMAIL_BYTES} bytes`), { responseCode: 552 }));
          return;
        }
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        capture({
          id: randomUUID(),
          receivedAt: new Date(),
          from: parsed.from?.text ?? envelopeFrom,
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: parsed.subject ?? '',
          // mailparser ends a single-part text with a line break, not a multipart one: drop it.
          text: (parsed.text ?? '').replace(/\r?\n$/, ''),
          html: typeof parsed.html === 'string' ? parsed.html : null,
          messageId: parsed.messageId ?? null,
          headers: Object.fromEntries(parsed.headerLines.map((h) => [h.key.toLowerCase(), h.line.slice(h.line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim()])),
        });
        callback();
      },
      (error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error));
        options.onError?.(failure);
        callback(Object.assign(failure, { responseCode: 451 }));
      },
    );
  };

  const server = new smtpServer.SMTPServer({
    name: 'smtp-sink.localhost',
    banner: 'Suivi PVD SMTP sink: emails are captured, never delivered',
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    size: MAX_EMAIL_BYTES,
    logger: false,
    closeTimeout: 1000,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username || 'sink' }),
    onData,
  });
  // Without a listener, a client resetting its connection would crash the process.
  server.on('error', (error: Error) => options.onError?.(error));

  await new Promise<void>((resolve, reject) => {
    const failed = (error: Error) => reject(new Error(`The SMTP sink could not listen on ${SINK_HOST}:${options.port ?? 0}: ${error.message}`, { cause: error }));
    server.once('error', failed);
    server.listen(options.port ?? 0, SINK_HOST, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;

  let stopped: Promise<void> | null = null;

  return {
    host: SINK_HOST,
    port,
    messages: () => [...emails],
    clear: () => {
      emails = [];
    },
    waitFor: (predicate, timeoutMs = DEFAULT_WAIT_MS) => {
      let found: CapturedEmail | undefined;
      try {
        found = emails.find(predicate);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      if (found) return Promise.resolve(found);
      if (stopped) return Promise.reject(new Error('The SMTP sink is stopped'));
      return new Promise<CapturedEmail>((resolve, reject) => {
        const waiter: Waiter = {
          predicate,
          settle: (result) => {
            clearTimeout(timer);
            waiters.delete(waiter);
            if ('email' in result) resolve(result.email);
            else reject(result.error);
          },
        };
        const timer = setTimeout(() => {
          waiter.settle({ error: new Error(`No matching email reached the SMTP sink within ${timeoutMs} ms (${describe(emails)})`) });
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        for (const waiter of [...waiters]) waiter.settle({ error: new Error('The SMTP sink was stopped while waiting for an email') });
        server.close(() => resolve());
      });
      return stopped;
    },
  };
}

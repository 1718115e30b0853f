import { LoggerService } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { createServer } from 'node:net';
import { createTransport } from 'nodemailer';
import request from 'supertest';
import { createValidationPipe } from '../errors/validation';
import { DEFAULT_MAIL_FROM, MailConfig } from './mail.config';
import { MailModule } from './mail.module';
import { MailDeliveryError, Mailer } from './mailer.service';
import { startSmtpSink } from './smtp-sink';

/** How mailparser writes the From header back. */
const FROM_AS_PARSED = '"Suivi PVD" <ne-pas-repondre@suivi-pvd.invalid>';
// The dev mailbox's routes need the app's sessions: dev-mailbox.int-spec.ts tests them on the whole app.
const SINK_CONFIG: MailConfig = { mode: 'sink', sinkPort: 0, from: DEFAULT_MAIL_FROM, devMailbox: false };

/** Collects what the mailer logs, to check that bodies never reach the logs. */
class RecordingLogger implements LoggerService {
  readonly lines: string[] = [];
  log(message: unknown) {
    this.lines.push(String(message));
  }
  error(message: unknown) {
    this.lines.push(String(message));
  }
  warn(message: unknown) {
    this.lines.push(String(message));
  }
  debug(message: unknown) {
    this.lines.push(String(message));
  }
  verbose(message: unknown) {
    this.lines.push(String(message));
  }
}

async function startApp(config: MailConfig, logger: LoggerService = new RecordingLogger()): Promise<NestExpressApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [MailModule.forRoot(config)] })
    .setLogger(logger)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  await app.init();
  return app;
}

/** A local port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('Mailer in sink mode', () => {
  let app: NestExpressApplication;
  let mailer: Mailer;

  beforeAll(async () => {
    app = await startApp(SINK_CONFIG);
    mailer = app.get(Mailer);
  });
  afterAll(async () => {
    await app.close();
  });
  beforeEach(() => mailer.sink()?.clear());

  it('starts a sink on 127.0.0.1 and delivers a real SMTP email to it', async () => {
    const sink = mailer.sink();
    expect(sink).not.toBeNull();
    expect(sink?.host).toBe('127.0.0.1');

    await mailer.send({
      to: 'Élodie Bérénger <elodie.berenger@exemple.fr>',
      subject: 'Invitation à rejoindre Suivi PVD – Aubusson',
      text: 'Bonjour Élodie,\n\nVous êtes invitée à créer votre compte : https://suivi-pvd.invalid/invitation/abc\n\nÀ bientôt, l’équipe « Petites villes de demain »',
      html: '<p>Bonjour Élodie,</p><p><a href="https://suivi-pvd.invalid/invitation/abc">Créer mon compte</a></p>',
    });

    const [email] = sink?.messages() ?? [];
    expect(email).toMatchObject({
      from: FROM_AS_PARSED,
      to: ['elodie.berenger@exemple.fr'],
      subject: 'Invitation à rejoindre Suivi PVD – Aubusson',
      html: '<p>Bonjour Élodie,</p><p><a href="https://suivi-pvd.invalid/invitation/abc">Créer mon compte</a></p>',
    });
    expect(email.text).toBe(
      'Bonjour Élodie,\n\nVous êtes invitée à créer votre compte : https://suivi-pvd.invalid/invitation/abc\n\nÀ bientôt, l’équipe « Petites villes de demain »',
    );
    expect(email.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(email.receivedAt).toBeInstanceOf(Date);
  });

  it('captures a text-only email with html null, and several recipients', async () => {
    await mailer.send({ to: ['a@exemple.fr', 'b@exemple.fr'], subject: 'Réinitialisation du mot de passe', text: 'Lien : https://x.invalid/r/1' });
    expect(mailer.sink()?.messages()).toEqual([
      expect.objectContaining({ to: ['a@exemple.fr', 'b@exemple.fr'], html: null, text: 'Lien : https://x.invalid/r/1' }),
    ]);
  });

  it('keeps emails in the order they were sent', async () => {
    await mailer.send({ to: 'x@exemple.fr', subject: 'Premier', text: '1' });
    await mailer.send({ to: 'x@exemple.fr', subject: 'Second', text: '2' });
    expect(mailer.sink()?.messages().map((e) => e.subject)).toEqual(['Premier', 'Second']);
  });

  it('waitFor resolves with an email arriving later, and with one already there', async () => {
    const sink = mailer.sink();
    if (!sink) throw new Error('no sink');
    const waiting = sink.waitFor((e) => e.to.includes('tard@exemple.fr'), 5000);
    await mailer.send({ to: 'tot@exemple.fr', subject: 'Autre', text: '-' });
    await mailer.send({ to: 'tard@exemple.fr', subject: 'Attendu', text: '-' });
    await expect(waiting).resolves.toMatchObject({ subject: 'Attendu' });
    await expect(sink.waitFor((e) => e.subject === 'Autre', 10)).resolves.toMatchObject({ to: ['tot@exemple.fr'] });
  });

  it('waitFor times out with an error listing what was captured', async () => {
    await mailer.send({ to: 'x@exemple.fr', subject: 'Présent', text: '-' });
    const started = Date.now();
    await expect(mailer.sink()?.waitFor((e) => e.subject === 'Absent', 200)).rejects.toThrow(
      'No matching email reached the SMTP sink within 200 ms (1 captured, latest: "Présent" to x@exemple.fr)',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});

describe('SMTP sink', () => {
  it('keeps only the last maxMessages emails and accepts any credentials', async () => {
    const sink = await startSmtpSink({ maxMessages: 3 });
    const transport = createTransport({ host: sink.host, port: sink.port, secure: false, ignoreTLS: true, auth: { user: 'qui', pass: 'importe' } });
    try {
      for (let i = 1; i <= 5; i++) {
        await transport.sendMail({ from: 'a@exemple.fr', to: 'b@exemple.fr', subject: `Message ${i}`, text: String(i) });
      }
      expect(sink.messages().map((e) => e.subject)).toEqual(['Message 3', 'Message 4', 'Message 5']);
    } finally {
      transport.close();
      await sink.stop();
    }
  });

  it('rejects pending waitFor calls when stopped', async () => {
    const sink = await startSmtpSink();
    const waiting = sink.waitFor(() => true, 5000);
    await sink.stop();
    await expect(waiting).rejects.toThrow('The SMTP sink was stopped while waiting for an email');
    await sink.stop();
  });

  it('fails clearly when its port is taken', async () => {
    const first = await startSmtpSink();
    try {
      await expect(startSmtpSink({ port: first.port })).rejects.toThrow(`The SMTP sink could not listen on 127.0.0.1:${first.port}`);
    } finally {
      await first.stop();
    }
  });
});

describe('Mailer in SMTP mode', () => {
  it('has no sink nor dev mailbox, and reports a failed delivery without logging the body', async () => {
    const logger = new RecordingLogger();
    const app = await startApp({ mode: 'smtp', smtpUrl: `smtp://user:pass@127.0.0.1:${await closedPort()}`, from: DEFAULT_MAIL_FROM }, logger);
    try {
      const mailer = app.get(Mailer);
      expect(mailer.sink()).toBeNull();
      await request(app.getHttpServer()).get('/api/dev/emails').expect(404);

      const sending = mailer.send({ to: 'x@exemple.fr', subject: 'Réinitialisation', text: 'jeton-secret-123', html: '<a>jeton-secret-123</a>' });
      await expect(sending).rejects.toBeInstanceOf(MailDeliveryError);
      await expect(sending).rejects.toMatchObject({ code: 'ESOCKET', subject: 'Réinitialisation', recipientCount: 1 });
      await expect(sending).rejects.toThrow(/^The email "Réinitialisation" could not be sent: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
      const failure = logger.lines.find((line) => line.includes('failed'));
      expect(failure).toMatch(/Email to 1 recipient\(s\) failed \[ESOCKET\]: The email "Réinitialisation" could not be sent: connect ECONNREFUSED/);
      expect(logger.lines.join('\n')).not.toContain('jeton-secret-123');
    } finally {
      await app.close();
    }
  });
});

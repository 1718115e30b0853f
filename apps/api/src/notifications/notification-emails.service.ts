import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { digestPeriod, programmeToday, type NotificationKind } from '@suivi-pvd/domain';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../core/config/config';
import type { JobContext } from '../core/jobs/job-context';
import { JobsService } from '../core/jobs/jobs.service';
import { Mailer } from '../core/mail/mailer.service';
import { renderNotificationEmail } from './notification-email.render';
import type { NotificationEmailCadence } from './notification.entities';
import { NOTIFICATION_EMAIL_JOB, NotificationsService } from './notifications.service';
import { unsubscribeToken, type UnsubscribeScope } from './unsubscribe-token';

export const DAILY_DIGEST_JOB = 'notifications.resume-quotidien';
export const WEEKLY_DIGEST_JOB = 'notifications.resume-hebdomadaire';

/** Digest jobs' data: `today` (YYYY-MM-DD, Europe/Paris) only to replay a past day; the run's day otherwise. */
export interface DigestJobData {
  today?: string;
}

/**
 * Sends the emails of notifications, exactly once each (ADR 0013):
 * - `notifications.courriel` `{ emailId }` sends one `notification_email` row: under its row lock,
 *   only while `en_attente`, then marks it `envoye` in the same transaction. Its Message-ID is
 *   derived from the row's id. Retried with backoff while the SMTP server refuses.
 * - `notifications.resume-quotidien` (every day at 07:00 Europe/Paris) and
 *   `notifications.resume-hebdomadaire` (Mondays at 07:00) group each user's pending notifications
 *   of that cadence into one email per user and period.
 */
@Injectable()
export class NotificationEmailsService implements OnModuleInit {
  private readonly logger = new Logger(NotificationEmailsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobsService,
    private readonly mailer: Mailer,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    const test = this.config.nodeEnv === 'test';
    this.jobs.register<{ emailId: string }>(NOTIFICATION_EMAIL_JOB, (ctx) => this.sendEmail(ctx), {
      label: 'Courriel de notification',
      // 30 s doubling ten times: about eight hours of mail outage before the job is listed as failed (then « Relancer »).
      retryLimit: test ? 20 : 10,
      retryDelaySeconds: test ? 1 : 30,
      retryBackoff: !test,
      expireInSeconds: 5 * 60,
      concurrency: 2,
    });
    this.jobs.register<DigestJobData>(DAILY_DIGEST_JOB, (ctx) => this.buildDigests(ctx, 'quotidien'), {
      label: 'Résumé quotidien des notifications',
      policy: 'stately',
      expireInSeconds: 30 * 60,
      schedule: { cron: '0 7 * * *', tz: 'Europe/Paris' },
    });
    this.jobs.register<DigestJobData>(WEEKLY_DIGEST_JOB, (ctx) => this.buildDigests(ctx, 'hebdomadaire'), {
      label: 'Résumé hebdomadaire des notifications',
      policy: 'stately',
      expireInSeconds: 30 * 60,
      schedule: { cron: '0 7 * * 1', tz: 'Europe/Paris' },
    });
  }

  /**
   * One digest email per user with pending notifications of this cadence. Each user's digest is
   * created in its own transaction with its send job; the (user, cadence, period) key makes a
   * re-run of the same day harmless (what arrived since waits for the next digest).
   */
  async buildDigests(ctx: JobContext<DigestJobData>, cadence: 'quotidien' | 'hebdomadaire'): Promise<{ digests: number }> {
    const today = typeof ctx.data?.today === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(ctx.data.today) ? ctx.data.today : programmeToday();
    const periode = digestPeriod(cadence, today);
    const recipients: { recipient_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT recipient_id FROM notification WHERE email_id IS NULL AND delivery = $1`,
      [cadence],
    );
    let digests = 0;
    for (const [i, { recipient_id: recipientId }] of recipients.entries()) {
      const created = await this.dataSource.transaction(async (em) => {
        const pending: { id: string }[] = await em.query(
          `SELECT id FROM notification WHERE recipient_id = $1 AND delivery = $2 AND email_id IS NULL ORDER BY created_at, id FOR UPDATE`,
          [recipientId, cadence],
        );
        if (pending.length === 0) return null;
        return this.notifications.queueEmail(em, recipientId, cadence, periode, pending.map((p) => p.id));
      });
      if (created) digests++;
      if (i % 50 === 49) {
        await ctx.progress(i + 1, recipients.length);
        await ctx.pause();
      }
    }
    if (digests > 0) this.jobs.notify(NOTIFICATION_EMAIL_JOB);
    return { digests };
  }

  /** Sends one email of notifications unless it was sent already; marks it sent in the same transaction. */
  async sendEmail(ctx: JobContext<{ emailId: string }>): Promise<{ etat: string }> {
    const emailId = ctx.data.emailId;
    try {
      return await this.dataSource.transaction(async (em) => {
        // The row lock serialises two runs of the same job (a retry racing a slow first run).
        const [row]: { cadence: NotificationEmailCadence; periode: string | null; etat: string; recipient_id: string; address: string; display_name: string; active: boolean }[] =
          await em.query(
            `SELECT e.cadence, e.periode, e.etat, e.recipient_id, u.email AS address, u.display_name, u.active
               FROM notification_email e JOIN app_user u ON u.id = e.recipient_id
              WHERE e.id = $1 FOR UPDATE OF e`,
            [emailId],
          );
        if (!row) return { etat: 'introuvable' };
        if (row.etat !== 'en_attente') return { etat: row.etat };
        const notifications: { kind: NotificationKind; title: string; body: string | null; item_label: string; item_path: string; day: string }[] = await em.query(
          `SELECT kind, title, body, item_label, item_path, to_char(created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS day
             FROM notification WHERE email_id = $1 ORDER BY created_at, id`,
          [emailId],
        );
        if (!row.active || notifications.length === 0) {
          await em.query(`UPDATE notification_email SET etat = 'annule' WHERE id = $1`, [emailId]);
          return { etat: 'annule' };
        }
        const unsubscribePage = (scope: UnsubscribeScope) => `${this.config.publicUrl}/notifications/desabonnement?jeton=${encodeURIComponent(unsubscribeToken(this.config.linkSecret, row.recipient_id, scope))}`;
        const rendered = renderNotificationEmail({
          cadence: row.cadence,
          periode: row.periode,
          displayName: row.display_name,
          notifications: notifications.map((n) => ({ kind: n.kind, title: n.title, body: n.body, itemLabel: n.item_label, itemPath: n.item_path, day: n.day })),
          publicUrl: this.config.publicUrl,
          unsubscribeUrl: unsubscribePage,
        });
        const oneClick = `${this.config.publicUrl}/api/notifications/desabonnement?jeton=${encodeURIComponent(unsubscribeToken(this.config.linkSecret, row.recipient_id, rendered.unsubscribeScope))}`;
        await this.mailer.send({
          to: row.address,
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          messageId: messageIdOf(emailId, this.config.publicUrl),
          headers: { 'List-Unsubscribe': `<${oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        });
        // The SMTP server accepted it: sent, in the transaction that held the lock (ADR 0013 on the window left).
        await em.query(`UPDATE notification_email SET etat = 'envoye', envoye_le = now(), tentatives = tentatives + 1, derniere_erreur = NULL WHERE id = $1`, [emailId]);
        return { etat: 'envoye' };
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.dataSource
        .query(`UPDATE notification_email SET tentatives = tentatives + 1, derniere_erreur = $2 WHERE id = $1 AND etat = 'en_attente'`, [emailId, message.slice(0, 1000)])
        .catch((e: unknown) => this.logger.warn({ err: e }, 'could not record the failed attempt'));
      throw error;
    }
  }
}

/** The email's Message-ID: the same for every attempt of one email. */
export function messageIdOf(emailId: string, publicUrl: string): string {
  let host = 'suivi-pvd.invalid';
  try {
    host = new URL(publicUrl).hostname || host;
  } catch {
    // PUBLIC_URL is validated at start; keep the fallback.
  }
  return `<notification-${emailId}@${host}>`;
}

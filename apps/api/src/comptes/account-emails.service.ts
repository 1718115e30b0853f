import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ROLE_LABELS, type Role } from '@suivi-pvd/domain';
import { DataSource, EntityManager } from 'typeorm';
import { hashToken } from '../core/auth/session.service';
import { APP_CONFIG, AppConfig } from '../core/config/config';
import type { JobContext } from '../core/jobs/job-context';
import { JobsService } from '../core/jobs/jobs.service';
import { Mailer } from '../core/mail/mailer.service';
import { issueToken } from './auth-tokens';

export const ACCOUNT_EMAIL_JOB = 'comptes.courriel';

export const INVITATION_TTL_HOURS = 7 * 24;
export const RESET_TTL_HOURS = 1;

/**
 * One account email, as queued: ids only. The link token is issued by the job, never stored in
 * clear (auth_token keeps its hash), so the job data holds no secret.
 */
export type AccountEmailJobData =
  | { kind: 'invitation' | 'nouveau_role'; userId: string; inviterId: string; organisationId: string; role: Role }
  | { kind: 'reinitialisation'; userId: string };

/** Checkpoint of a run whose email the SMTP server accepted. */
interface Sent {
  sent: true;
}

/**
 * Account emails (invitation, « Nouveau rôle », password reset) go through the job queue (ADR
 * 0014): queued in the request's transaction, retried with backoff while the SMTP server refuses,
 * and sent at most once. A run locks the user and issues the link token (which ends the earlier
 * unused ones of that kind) in one transaction, sends, then saves a checkpoint: a failed send
 * revokes its token (the retry issues a new one), and a run after an accepted send sends nothing.
 */
@Injectable()
export class AccountEmailsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobsService,
    private readonly mailer: Mailer,
  ) {}

  onModuleInit(): void {
    const test = this.config.nodeEnv === 'test';
    this.jobs.register<AccountEmailJobData, Sent>(ACCOUNT_EMAIL_JOB, (ctx) => this.send(ctx), {
      label: 'Courriel de compte (invitation, réinitialisation)',
      // As notification emails: 30 s doubling ten times, about eight hours of mail outage.
      retryLimit: test ? 20 : 10,
      retryDelaySeconds: test ? 1 : 30,
      retryBackoff: !test,
      expireInSeconds: 5 * 60,
      concurrency: 2,
    });
  }

  /** Queues the email in `em`'s transaction; call `wake()` once it committed. */
  async queue(em: EntityManager, data: AccountEmailJobData): Promise<string> {
    return this.jobs.send(ACCOUNT_EMAIL_JOB, data, { em });
  }

  /** Starts the queued emails at once in this process (instead of at the next poll). */
  wake(): void {
    this.jobs.notify(ACCOUNT_EMAIL_JOB);
  }

  async send(ctx: JobContext<AccountEmailJobData, Sent>): Promise<{ etat: string }> {
    // A run whose email was accepted already (the process died before the job was marked done).
    if (ctx.checkpoint?.sent) return { etat: 'envoye' };
    // The token is committed before the email leaves: its link works as soon as it arrives.
    const email = await this.dataSource.transaction((em) => this.prepare(em, ctx.data));
    if (!email) return { etat: 'annule' };
    try {
      await this.mailer.send({ to: email.to, subject: email.subject, text: email.text, messageId: messageIdOf(ctx.id, this.config.publicUrl) });
    } catch (error) {
      // Nobody has this link: revoke it (the retry issues another one), then let the queue retry.
      if (email.token) await this.dataSource.query('UPDATE auth_token SET used_at = now() WHERE id = $1 AND used_at IS NULL', [hashToken(email.token)]).catch(() => undefined);
      throw error;
    }
    // Accepted by the SMTP server: a later run of this job sends nothing (ADR 0014 on the window left).
    await ctx.progress(1, 1, { checkpoint: { sent: true } });
    return { etat: 'envoye' };
  }

  /** Renders the email, issuing its link token in `em` (which ends the earlier unused ones of that kind); null: nothing to send. */
  private async prepare(em: EntityManager, data: AccountEmailJobData): Promise<{ to: string; subject: string; text: string; token: string | null } | null> {
    // The user's row lock serialises this with the other account emails and links of the same person.
    const [user]: { email: string; active: boolean; password_hash: string | null }[] = await em.query(
      'SELECT email, active, password_hash FROM app_user WHERE id = $1 FOR UPDATE',
      [data.userId],
    );
    if (!user || !user.active) return null;
    if (data.kind === 'reinitialisation') {
      if (!user.password_hash) return null;
      const token = await issueToken(em, data.userId, 'reinitialisation', RESET_TTL_HOURS, null);
      const link = `${this.config.publicUrl}/reinitialisation?jeton=${encodeURIComponent(token)}`;
      return {
        to: user.email,
        token,
        subject: 'Réinitialisation de votre mot de passe Suivi PVD',
        text:
          `Bonjour,\n\nUne réinitialisation du mot de passe de votre compte Suivi PVD a été demandée.\n\n` +
          `Pour choisir un nouveau mot de passe, ouvrez ce lien (valable 1 heure, une seule fois) :\n${link}\n\n` +
          `Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.`,
      };
    }
    const [inviter]: { display_name: string }[] = await em.query('SELECT display_name FROM app_user WHERE id = $1', [data.inviterId]);
    const [organisation]: { nom: string }[] = await em.query('SELECT nom FROM organisation WHERE id = $1', [data.organisationId]);
    if (!inviter || !organisation || !(data.role in ROLE_LABELS)) return null;
    const role = ROLE_LABELS[data.role];
    // An invitee who chose a password meanwhile (an earlier invitation) gets the notice, not a link.
    if (data.kind === 'invitation' && !user.password_hash) {
      const token = await issueToken(em, data.userId, 'invitation', INVITATION_TTL_HOURS, data.inviterId);
      const link = `${this.config.publicUrl}/invitation?jeton=${encodeURIComponent(token)}`;
      return {
        to: user.email,
        token,
        subject: 'Invitation à rejoindre Suivi PVD',
        text:
          `Bonjour,\n\n${inviter.display_name} vous invite à rejoindre Suivi PVD, la plateforme de suivi du programme ` +
          `Petites villes de demain, en tant que « ${role} » pour ${organisation.nom}.\n\n` +
          `Pour choisir votre mot de passe et activer votre compte, ouvrez ce lien (valable 7 jours, une seule fois) :\n${link}\n\n` +
          `Si vous ne vous attendiez pas à cette invitation, ignorez ce message.`,
      };
    }
    return {
      to: user.email,
      token: null,
      subject: 'Nouveau rôle dans Suivi PVD',
      text: `Bonjour,\n\n${inviter.display_name} vous a donné le rôle « ${role} » pour ${organisation.nom} dans Suivi PVD.\n\n${this.config.publicUrl}`,
    };
  }
}

/** The email's Message-ID: the same for every attempt of one queued email. */
export function messageIdOf(jobId: string, publicUrl: string): string {
  let host = 'suivi-pvd.invalid';
  try {
    host = new URL(publicUrl).hostname || host;
  } catch {
    // PUBLIC_URL is validated at start; keep the fallback.
  }
  return `<compte-${jobId}@${host}>`;
}

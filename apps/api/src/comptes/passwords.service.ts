import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { verify } from '@node-rs/argon2';
import { passwordProblem } from '@suivi-pvd/domain';
import { DataSource } from 'typeorm';
import { Actor, AuditService } from '../core/audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { hashPassword } from '../core/auth/session.service';
import { AppError } from '../core/errors/app-error';
import { RateLimitService } from '../core/rate-limit/rate-limit.service';
import { AccountEmailsService } from './account-emails.service';
import { consumeToken } from './auth-tokens';

/**
 * Password reset by email link and password change. Either one ends every session opened
 * before it (password_changed_at), on every replica at once.
 */
@Injectable()
export class PasswordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly accountEmails: AccountEmailsService,
    private readonly rateLimit: RateLimitService,
  ) {}

  /** Sends a reset link when the address has an active account; answers the same either way. */
  async requestReset(rawEmail: string, ip: string | null): Promise<void> {
    const email = rawEmail.trim().toLowerCase();
    const limit = await this.rateLimit.hit(`reset:email:${email}`, 3, 3600);
    if (!limit.allowed) return; // silently: the answer must not differ
    const queued = await this.dataSource.transaction(async (em) => {
      const [user] = await em.query('SELECT id FROM app_user WHERE email = $1 AND active AND password_hash IS NOT NULL', [email]);
      if (!user) return false;
      await this.audit.record(em, { id: null, label: email, ip }, { action: 'compte.reinitialisation_demandee', entityType: 'user', entityId: user.id, before: null, after: null });
      // The link is issued and sent by the job (ADR 0014): the answer does not wait for the SMTP server.
      await this.accountEmails.queue(em, { kind: 'reinitialisation', userId: user.id });
      return true;
    });
    if (queued) this.accountEmails.wake();
  }

  async confirmReset(token: string, password: string, ip: string | null): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const userId = await consumeToken(em, token, 'reinitialisation');
      const [user] = await em.query('SELECT email FROM app_user WHERE id = $1', [userId]);
      await this.setPassword(em.query.bind(em), userId, user.email, password);
      await this.audit.record(em, { id: userId, label: user.email, ip }, { action: 'compte.mot_de_passe', entityType: 'user', entityId: userId, before: null, after: { par: 'lien de réinitialisation' } });
    });
  }

  /** Changes the caller's password after checking the current one; every session (this one too) ends. */
  async change(user: CurrentUser, currentPassword: string, newPassword: string, actor: Actor): Promise<void> {
    const [row] = await this.dataSource.query('SELECT password_hash FROM app_user WHERE id = $1', [user.id]);
    const ok = row?.password_hash ? await verify(row.password_hash, currentPassword).catch(() => false) : false;
    if (!ok) throw new AppError('PASSWORD_INCORRECT', 'Mot de passe actuel incorrect.', { currentPassword: ['Mot de passe actuel incorrect.'] });
    await this.dataSource.transaction(async (em) => {
      await this.setPassword(em.query.bind(em), user.id, user.email, newPassword, 'newPassword');
      await this.audit.record(em, actor, { action: 'compte.mot_de_passe', entityType: 'user', entityId: user.id, before: null, after: { par: 'la personne' } });
    });
  }

  private async setPassword(query: (sql: string, params: unknown[]) => Promise<unknown>, userId: string, email: string, password: string, field = 'password'): Promise<void> {
    const problem = passwordProblem(password, email);
    if (problem) throw new AppError('PASSWORD_REJECTED', problem, { [field]: [problem] });
    await query('UPDATE app_user SET password_hash = $2, password_changed_at = now(), version = version + 1, updated_at = now() WHERE id = $1', [
      userId,
      await hashPassword(password),
    ]);
    await query('DELETE FROM user_session WHERE user_id = $1', [userId]);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Response } from 'express';
import { DataSource, LessThan } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AppUser, UserSession } from './auth.entities';
import type { Membership } from '@suivi-pvd/domain';
import { MEMBERSHIP_COLUMNS, MembershipRow, toMembership } from './memberships';
import { CurrentUser } from './current-user';

export const SESSION_COOKIE = 'pvd_session';

/** Puts a session token in the httpOnly, SameSite cookie. */
export function setSessionCookie(response: Response, token: string, expiresAt: Date, secure: boolean): void {
  response.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt });
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

@Injectable()
export class SessionService {
  /** Verified when the email is unknown, so that the answer takes as long either way. */
  private dummyHash: Promise<string> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Checks credentials; returns the user or null, in the same time whether the email exists or not. */
  async checkPassword(email: string, password: string): Promise<AppUser | null> {
    const user = await this.dataSource.getRepository(AppUser).findOneBy({ email: email.trim().toLowerCase() });
    if (!user?.passwordHash || !user.active) {
      this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
      await verify(await this.dummyHash, password).catch(() => false);
      return null;
    }
    const ok = await verify(user.passwordHash, password).catch(() => false);
    return ok ? user : null;
  }

  async open(
    user: Pick<AppUser, 'id'>,
    ip: string | null,
    userAgent: string | null,
    via: { authMethod: 'mot_de_passe' | 'proconnect'; idToken?: string } = { authMethod: 'mot_de_passe' },
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.sessionTtlHours * 3600_000);
    const sessions = this.dataSource.getRepository(UserSession);
    await sessions.insert({
      id: hashToken(token),
      userId: user.id,
      expiresAt,
      ip,
      userAgent: userAgent?.slice(0, 300) ?? null,
      authMethod: via.authMethod,
      idToken: via.idToken ?? null,
    });
    // Not an edit of the account: no version bump.
    await this.dataSource.query('UPDATE app_user SET last_login_at = now() WHERE id = $1', [user.id]);
    // Housekeeping: expired sessions of this user go.
    await sessions.delete({ userId: user.id, expiresAt: LessThan(new Date()) });
    return { token, expiresAt };
  }

  /** The signed-in person of a session token, with their memberships: one statement per request. */
  async resolve(token: string): Promise<CurrentUser | null> {
    const id = hashToken(token);
    // A session opened before the last password change (or reset) no longer counts.
    const [row]: { id: string; email: string; display_name: string; auth_method: string; memberships: MembershipRow[] }[] = await this.dataSource.query(
      `SELECT u.id, u.email, u.display_name, s.auth_method,
              COALESCE((SELECT json_agg(ms ORDER BY ms.created_at, ms.nom)
                          FROM (SELECT ${MEMBERSHIP_COLUMNS}, m.created_at
                                  FROM membership m JOIN organisation o ON o.id = m.organisation_id
                                 WHERE m.user_id = u.id) ms), '[]'::json) AS memberships
         FROM user_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.id = $1 AND s.expires_at > now() AND u.active
          AND (u.password_changed_at IS NULL OR s.created_at >= u.password_changed_at)`,
      [id],
    );
    if (!row) return null;
    return {
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      memberships: row.memberships.map(toMembership).filter((m): m is Membership => m !== null),
      sessionId: id,
      authMethod: row.auth_method === 'proconnect' ? 'proconnect' : 'mot_de_passe',
    };
  }

  /** Drops every session of a user (deactivation, password change elsewhere). */
  async closeAll(userId: string): Promise<void> {
    await this.dataSource.getRepository(UserSession).delete({ userId });
  }

  async close(sessionId: string): Promise<void> {
    await this.dataSource.getRepository(UserSession).delete({ id: sessionId });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { isRole } from '@suivi-pvd/domain';
import { DataSource, LessThan } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AppUser, UserSession } from './auth.entities';
import { CurrentUser } from './current-user';

export const SESSION_COOKIE = 'pvd_session';

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

  async open(user: AppUser, ip: string | null, userAgent: string | null): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.sessionTtlHours * 3600_000);
    const sessions = this.dataSource.getRepository(UserSession);
    await sessions.insert({ id: hashToken(token), userId: user.id, expiresAt, ip, userAgent: userAgent?.slice(0, 300) ?? null });
    // Housekeeping: expired sessions of this user go.
    await sessions.delete({ userId: user.id, expiresAt: LessThan(new Date()) });
    return { token, expiresAt };
  }

  async resolve(token: string): Promise<CurrentUser | null> {
    const id = hashToken(token);
    const row = await this.dataSource
      .getRepository(UserSession)
      .createQueryBuilder('s')
      .innerJoinAndSelect('s.user', 'u')
      .where('s.id = :id AND s.expires_at > now() AND u.active', { id })
      .getOne();
    if (!row?.user || !isRole(row.user.role)) return null;
    const u = row.user;
    return {
      id: u.id,
      email: u.email,
      displayName: u.displayName,
      role: u.role,
      communeInsee: u.communeInsee,
      departementCode: u.departementCode,
      sessionId: id,
    };
  }

  async close(sessionId: string): Promise<void> {
    await this.dataSource.getRepository(UserSession).delete({ id: sessionId });
  }
}

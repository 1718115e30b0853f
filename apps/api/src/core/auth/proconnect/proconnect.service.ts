import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import passport from 'passport';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { AppError } from '../../errors/app-error';
import { hashToken, SessionService } from '../session.service';
import { ProConnectClient, randomToken } from './proconnect.client';
import { ProConnectError } from './proconnect.error';
import { ProConnectPassportStrategy } from './proconnect.strategy';
import type { ProConnectLoginFlow, ProConnectLoginOutcome } from './proconnect.types';

const REQUEST_TTL_MINUTES = 10;

/** Where to go back in the app after login: a path of this site only. */
export function safeRedirection(raw: unknown): string {
  return typeof raw === 'string' && /^\/(?![/\\])[^\s]*$/.test(raw) && raw.length < 500 ? raw : '/';
}

export type { ProConnectLoginOutcome } from './proconnect.types';

/**
 * Sign-in with ProConnect (OpenID Connect, authorization code flow with state, nonce and PKCE).
 * The pending request lives in PostgreSQL, keyed by a random value in the browser's cookie, so
 * any replica can take the callback. Users are matched on their email; accounts are created by
 * invitation only.
 */
@Injectable()
export class ProConnectService implements OnModuleInit, ProConnectLoginFlow {
  private readonly logger = new Logger(ProConnectService.name);
  private client: Promise<ProConnectClient> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  /** One application per process: its strategy is the one passport runs. */
  onModuleInit(): void {
    passport.use(new ProConnectPassportStrategy(this, this.config.cookieSecure));
  }

  get enabled(): boolean {
    return this.config.proconnect !== null;
  }

  /** Discovery happens on first use, and again after a failure: start does not depend on ProConnect. */
  private getClient(): Promise<ProConnectClient> {
    const config = this.config.proconnect;
    if (!config) throw new AppError('PROCONNECT_DISABLED', 'La connexion avec ProConnect n’est pas activée sur cette plateforme.');
    this.client ??= ProConnectClient.discover(config).catch((error: unknown) => {
      this.client = null;
      throw error;
    });
    return this.client;
  }

  /** Returns the ProConnect URL and the value to keep in the browser's cookie. */
  async startLogin(redirection: unknown): Promise<{ url: string; cookie: string }> {
    const request = await (await this.getClient()).authorizationRequest();
    const cookie = randomToken();
    await this.dataSource.query(
      `INSERT INTO proconnect_request (id, kind, state, nonce, code_verifier, redirection, expires_at)
       VALUES ($1, 'login', $2, $3, $4, $5, now() + make_interval(mins => $6))`,
      [hashToken(cookie), request.state, request.nonce, request.codeVerifier ?? null, safeRedirection(redirection), REQUEST_TTL_MINUTES],
    );
    await this.dataSource.query('DELETE FROM proconnect_request WHERE expires_at < now()');
    return { url: request.url, cookie };
  }

  async finishLogin(cookie: string | undefined, callbackUrl: URL, ip: string | null, userAgent: string | null): Promise<ProConnectLoginOutcome> {
    const pending = await this.take(cookie, 'login');
    if (!pending) return { ok: false, erreur: 'session-expiree' };
    let result;
    try {
      result = await (await this.getClient()).handleCallback(callbackUrl, {
        state: pending.state,
        nonce: pending.nonce ?? '',
        codeVerifier: pending.code_verifier ?? undefined,
      });
    } catch (error) {
      if (!(error instanceof ProConnectError)) throw error;
      this.logger.warn({ reason: error.reason, detail: error.detail }, 'ProConnect login failed');
      return { ok: false, erreur: 'proconnect' };
    }
    const { claims, idToken } = result;
    const [user]: { id: string; email: string }[] = await this.dataSource.query('SELECT id, email FROM app_user WHERE email = $1 AND active', [claims.email]);
    const [bySiret]: { id: string; nom: string }[] = claims.siret
      ? await this.dataSource.query('SELECT id, nom FROM organisation WHERE siret = $1', [claims.siret])
      : [];
    const details = { methode: 'ProConnect', siret: claims.siret, organisationReconnue: bySiret?.nom ?? null, fournisseur: claims.idpId };
    const actor = { id: user?.id ?? null, label: claims.email, ip };
    if (!user) {
      await this.dataSource.transaction((em) =>
        this.audit.record(em, actor, { action: 'auth.login_failed', entityType: 'user', entityId: claims.email, before: null, after: { ...details, motif: 'aucun compte' } }),
      );
      return { ok: false, erreur: 'compte-inconnu' };
    }
    const session = await this.sessions.open(user, ip, userAgent, { authMethod: 'proconnect', idToken });
    await this.dataSource.transaction((em) => this.audit.record(em, actor, { action: 'auth.login', entityType: 'user', entityId: user.id, before: null, after: details }));
    return { ok: true, token: session.token, expiresAt: session.expiresAt, redirection: pending.redirection ?? '/' };
  }

  /** Ends the local session; for a ProConnect session, returns ProConnect's logout URL too. */
  async startLogout(sessionId: string): Promise<{ redirectUrl: string | null; cookie: string | null }> {
    const [session]: { id_token: string | null; auth_method: string }[] = await this.dataSource.query(
      'SELECT id_token, auth_method FROM user_session WHERE id = $1',
      [sessionId],
    );
    await this.sessions.close(sessionId);
    if (!session?.id_token || !this.enabled) return { redirectUrl: null, cookie: null };
    const { url, state } = (await this.getClient()).logoutRequest(session.id_token);
    const cookie = randomToken();
    await this.dataSource.query(
      `INSERT INTO proconnect_request (id, kind, state, expires_at) VALUES ($1, 'logout', $2, now() + make_interval(mins => $3))`,
      [hashToken(cookie), state, REQUEST_TTL_MINUTES],
    );
    return { redirectUrl: url, cookie };
  }

  /** Back from ProConnect's logout: the state must be the one this browser was given. */
  async finishLogout(cookie: string | undefined, state: unknown): Promise<boolean> {
    const pending = await this.take(cookie, 'logout');
    return !!pending && typeof state === 'string' && pending.state === state;
  }

  /** Takes a pending request once (deleted as it is read). */
  private async take(cookie: string | undefined, kind: 'login' | 'logout') {
    if (!cookie || cookie.length > 200) return null;
    const [row]: { state: string; nonce: string | null; code_verifier: string | null; redirection: string | null }[] = await this.dataSource.query(
      `WITH taken AS (DELETE FROM proconnect_request WHERE id = $1 AND kind = $2 AND expires_at > now() RETURNING state, nonce, code_verifier, redirection)
       SELECT * FROM taken`,
      [hashToken(cookie), kind],
    );
    return row ?? null;
  }
}

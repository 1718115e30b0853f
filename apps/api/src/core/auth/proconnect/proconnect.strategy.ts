import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard, IAuthModuleOptions } from '@nestjs/passport';
import type { Request, Response } from 'express';
import passport from 'passport';
import type { ProConnectLoginFlow, ProConnectLoginOutcome } from './proconnect.types';

export const PROCONNECT_STRATEGY = 'proconnect';
export const PROCONNECT_COOKIE = 'pvd_proconnect';
export const PROCONNECT_COOKIE_PATH = '/api/auth/proconnect';

/** The cookie holding the key of a pending ProConnect request (10 minutes, this path only). */
export function setProConnectCookie(res: Response, value: string, secure: boolean): void {
  res.cookie(PROCONNECT_COOKIE, value, { httpOnly: true, sameSite: 'lax', secure, path: PROCONNECT_COOKIE_PATH, maxAge: 10 * 60 * 1000 });
}

/** Where the guard puts the outcome of the callback on the request (not `user`: that is the session's user). */
export const PROCONNECT_OUTCOME = 'proconnectOutcome';

/**
 * ProConnect as a passport strategy. On the login route it starts the authorization code flow
 * (redirect to ProConnect, pending request stored in PostgreSQL, its key in a cookie); on the
 * callback it finishes it and hands the outcome (a new session, or why there is none) to the
 * controller. Sessions are this app's own (user_session table), not passport's.
 */
export class ProConnectPassportStrategy extends passport.Strategy {
  override name = PROCONNECT_STRATEGY;

  constructor(
    private readonly service: ProConnectLoginFlow,
    private readonly cookieSecure: boolean,
  ) {
    super();
  }

  override authenticate(req: Request): void {
    const res = req.res as Response;
    const run = async () => {
      if (typeof req.query.code !== 'string' && typeof req.query.error !== 'string' && typeof req.query.state !== 'string') {
        const { url, cookie } = await this.service.startLogin(req.query.redirection);
        setProConnectCookie(res, cookie, this.cookieSecure);
        return this.redirect(url);
      }
      const callbackUrl = new URL(req.originalUrl, 'http://callback.invalid');
      const outcome = await this.service.finishLogin(req.cookies?.[PROCONNECT_COOKIE], callbackUrl, req.ip ?? null, req.get('user-agent') ?? null);
      res.clearCookie(PROCONNECT_COOKIE, { path: PROCONNECT_COOKIE_PATH });
      // Failures are outcomes too: the controller sends the browser back with an explanation.
      this.success(outcome);
    };
    run().catch((error: unknown) => this.error(error instanceof Error ? error : new Error(String(error))));
  }
}

/** Runs the ProConnect strategy on a route; the outcome lands on `request.proconnectOutcome`. */
@Injectable()
export class ProConnectGuard extends AuthGuard(PROCONNECT_STRATEGY) {
  override getAuthenticateOptions(_context: ExecutionContext): IAuthModuleOptions {
    return { session: false, property: PROCONNECT_OUTCOME };
  }
}

declare module 'express-serve-static-core' {
  interface Request {
    proconnectOutcome?: ProConnectLoginOutcome;
  }
}

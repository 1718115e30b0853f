import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { can } from '@suivi-pvd/domain';
import type { Request } from 'express';
import { AppError } from '../errors/app-error';
import { ACCESS_KEY, AccessRule } from './access.decorators';
import { SESSION_COOKIE, SessionService } from './session.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_HEADER_VALUE = 'suivi-pvd';

/**
 * Global guard, deny by default:
 * 1. a route without an access rule is refused (a forgotten decision is a closed door);
 * 2. mutating requests must carry `X-Requested-With: suivi-pvd`, a header a foreign site cannot
 *    send without a CORS preflight, which this API never grants (CSRF protection);
 * 3. the session cookie is resolved against the sessions table;
 * 4. the role must hold the route's permission. Record-level scope is the handler's job.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (!rule) throw new AppError('FORBIDDEN', 'Accès refusé : cette route ne déclare pas qui peut l’appeler.');

    const request = context.switchToHttp().getRequest<Request>();
    // A signed email link carries its own authority (a token in its URL, no cookie): no CSRF to fear.
    const signedLink = rule.kind === 'public' && rule.signedLink === true;
    if (!SAFE_METHODS.has(request.method) && !signedLink && request.headers[CSRF_HEADER] !== CSRF_HEADER_VALUE) {
      throw new AppError('CSRF_HEADER_MISSING', `En-tête X-Requested-With: ${CSRF_HEADER_VALUE} manquant.`);
    }

    const token: unknown = request.cookies?.[SESSION_COOKIE];
    if (typeof token === 'string' && token.length > 0 && token.length < 200) {
      request.user = (await this.sessions.resolve(token)) ?? undefined;
    }
    if (rule.kind === 'public') return true;
    if (!request.user) throw new AppError('UNAUTHENTICATED', 'Connectez-vous pour accéder à cette ressource.');
    if (rule.kind === 'permission' && !can(request.user.memberships, rule.permission)) {
      throw new AppError('FORBIDDEN', 'Votre rôle ne permet pas cette action.');
    }
    return true;
  }
}

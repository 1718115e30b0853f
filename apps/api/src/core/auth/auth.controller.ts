import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { allPermissions } from '@suivi-pvd/domain';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { loadMemberships } from '../../organisations/memberships';
import { RateLimitService } from '../rate-limit/rate-limit.service';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AppError } from '../errors/app-error';
import { Public, SignedIn } from './access.decorators';
import { CurrentUser, User } from './current-user';
import { LoginDto, MeDto } from './dto/login.dto';
import { SESSION_COOKIE, SessionService, setSessionCookie } from './session.service';
import { ApiErrors } from '../errors/api-errors.decorator';

/** Failed logins per address, and attempts per client address, per window. */
export const LOGIN_LIMITS = { failuresPerEmail: 5, perIp: 100, windowSeconds: 15 * 60 };

export function toMe(
  user: Pick<CurrentUser, 'id' | 'email' | 'displayName' | 'memberships'>,
  authMethod: CurrentUser['authMethod'] = 'mot_de_passe',
): MeDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    memberships: user.memberships,
    permissions: allPermissions(user.memberships),
    authMethod,
  };
}

@ApiTags('auth')
@ApiErrors(400, 401, 403)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionService,
    private readonly rateLimit: RateLimitService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: MeDto })
  @ApiErrors(429)
  async login(@Body() body: LoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<MeDto> {
    const email = body.email.trim().toLowerCase();
    const ip = request.ip ?? 'inconnue';
    const actor = { id: null, label: email, ip, requestId: String(request.id ?? '') || null };
    // Limits apply whether the address has an account or not, so they reveal nothing.
    const byIp = await this.rateLimit.hit(`login:ip:${ip}`, LOGIN_LIMITS.perIp, LOGIN_LIMITS.windowSeconds);
    const byEmail = await this.rateLimit.peek(`login:email:${email}`, LOGIN_LIMITS.failuresPerEmail, LOGIN_LIMITS.windowSeconds);
    if (!byIp.allowed || !byEmail.allowed) {
      const retryAfter = Math.max(byIp.allowed ? 0 : byIp.retryAfter, byEmail.allowed ? 0 : byEmail.retryAfter);
      await this.dataSource.transaction((em) =>
        this.audit.record(em, actor, { action: 'auth.login_blocked', entityType: 'user', entityId: email, before: null, after: null }),
      );
      response.setHeader('Retry-After', String(retryAfter));
      throw new AppError(
        'TOO_MANY_REQUESTS',
        `Trop de tentatives de connexion. Réessayez dans ${Math.ceil(retryAfter / 60)} minute${retryAfter > 60 ? 's' : ''}.`,
      );
    }
    const user = await this.sessions.checkPassword(email, body.password);
    if (!user) {
      await this.rateLimit.hit(`login:email:${email}`, LOGIN_LIMITS.failuresPerEmail, LOGIN_LIMITS.windowSeconds);
      await this.dataSource.transaction((em) =>
        this.audit.record(em, actor, { action: 'auth.login_failed', entityType: 'user', entityId: email, before: null, after: null }),
      );
      throw new AppError('INVALID_CREDENTIALS', 'Adresse électronique ou mot de passe incorrect.');
    }
    await this.rateLimit.reset(`login:email:${email}`);
    const { token, expiresAt } = await this.sessions.open(user, request.ip ?? null, request.get('user-agent') ?? null);
    await this.dataSource.transaction((em) =>
      this.audit.record(em, { ...actor, id: user.id }, { action: 'auth.login', entityType: 'user', entityId: user.id, before: null, after: { methode: 'mot de passe' } }),
    );
    const memberships = (await loadMemberships(this.dataSource, [user.id])).get(user.id) ?? [];
    setSessionCookie(response, token, expiresAt, this.config.cookieSecure);
    return toMe({ ...user, memberships });
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  async logout(@User() user: CurrentUser | undefined, @Res({ passthrough: true }) response: Response): Promise<void> {
    if (user) await this.sessions.close(user.sessionId);
    response.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @SignedIn()
  @ApiOkResponse({ type: MeDto })
  me(@User() user: CurrentUser): MeDto {
    return toMe(user, user.authMethod);
  }
}

import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { allPermissions } from '@suivi-pvd/domain';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { loadMemberships } from './memberships';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AppError } from '../errors/app-error';
import { Public, SignedIn } from './access.decorators';
import { CurrentUser, User } from './current-user';
import { clientAddress, PasswordAttempts, tooManyAttempts } from './password-attempts';
import { LoginDto, MeDto } from './dto/login.dto';
import { SESSION_COOKIE, SessionService, setSessionCookie } from './session.service';
import { ApiErrors } from '../errors/api-errors.decorator';

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
    private readonly attempts: PasswordAttempts,
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
    const ip = clientAddress(request);
    const actor = { id: null, label: email, ip, requestId: String(request.id ?? '') || null };
    // Delays apply whether the address has an account or not, so they reveal nothing; they slow
    // the client that failed, never the right password from another client.
    const attempt = await this.attempts.begin(email, ip);
    if ('retryAfter' in attempt) {
      await this.dataSource.transaction((em) =>
        this.audit.record(em, actor, { action: 'auth.login_blocked', entityType: 'user', entityId: email, before: null, after: null }),
      );
      throw tooManyAttempts(response, attempt.retryAfter, 'Trop de tentatives de connexion.');
    }
    const user = await this.sessions.checkPassword(email, body.password);
    if (!user) {
      await this.dataSource.transaction((em) =>
        this.audit.record(em, actor, { action: 'auth.login_failed', entityType: 'user', entityId: email, before: null, after: null }),
      );
      throw new AppError('INVALID_CREDENTIALS', 'Adresse électronique ou mot de passe incorrect.');
    }
    await attempt.succeeded();
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

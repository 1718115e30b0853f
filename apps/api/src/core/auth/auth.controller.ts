import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { allPermissions } from '@suivi-pvd/domain';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { loadMemberships } from '../../organisations/memberships';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AppError } from '../errors/app-error';
import { Public, SignedIn } from './access.decorators';
import { CurrentUser, User } from './current-user';
import { LoginDto, MeDto } from './dto/login.dto';
import { SESSION_COOKIE, SessionService } from './session.service';
import { ApiErrors } from '../errors/api-errors.decorator';

function toMe(user: Pick<CurrentUser, 'id' | 'email' | 'displayName' | 'memberships'>): MeDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    memberships: user.memberships,
    permissions: allPermissions(user.memberships),
  };
}

@ApiTags('auth')
@ApiErrors(400, 401, 403)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: MeDto })
  async login(@Body() body: LoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<MeDto> {
    const user = await this.sessions.checkPassword(body.email, body.password);
    if (!user) throw new AppError('INVALID_CREDENTIALS', 'Adresse électronique ou mot de passe incorrect.');
    const { token, expiresAt } = await this.sessions.open(user, request.ip ?? null, request.get('user-agent') ?? null);
    const memberships = (await loadMemberships(this.dataSource, [user.id])).get(user.id) ?? [];
    response.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.cookieSecure,
      path: '/',
      expires: expiresAt,
    });
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
    return toMe(user);
  }
}

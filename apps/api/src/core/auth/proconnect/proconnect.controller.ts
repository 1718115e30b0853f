import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiFoundResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { ApiErrors } from '../../errors/api-errors.decorator';
import { Public, SignedIn } from '../access.decorators';
import { CurrentUser, User } from '../current-user';
import { setSessionCookie } from '../session.service';
import { ProConnectService } from './proconnect.service';
import { PROCONNECT_COOKIE as COOKIE, PROCONNECT_COOKIE_PATH as COOKIE_PATH, ProConnectGuard, setProConnectCookie } from './proconnect.strategy';


export class ProConnectStatusDto {
  @ApiProperty() enabled!: boolean;
}

export class ProConnectLogoutDto {
  @ApiProperty({ type: String, nullable: true, description: 'Adresse de déconnexion ProConnect à ouvrir, ou null' })
  redirectUrl!: string | null;
}

export class LoginQuery {
  @ApiPropertyOptional({ description: 'Page de l’application où revenir' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  redirection?: string;
}

@ApiTags('auth')
@ApiErrors(400)
@Controller('auth/proconnect')
export class ProConnectController {
  constructor(
    private readonly proconnect: ProConnectService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('statut')
  @Public()
  @ApiOkResponse({ type: ProConnectStatusDto })
  status(): ProConnectStatusDto {
    return { enabled: this.proconnect.enabled };
  }

  /** The ProConnect strategy answers with the redirect to ProConnect; this handler never runs. */
  @Get('connexion')
  @Public()
  @UseGuards(ProConnectGuard)
  @ApiFoundResponse({ description: 'Redirection vers ProConnect' })
  @ApiErrors(404)
  login(@Query() _query: LoginQuery): void {
    return undefined;
  }

  @Get('callback')
  @Public()
  @UseGuards(ProConnectGuard)
  @ApiFoundResponse({ description: 'Retour dans l’application, connecté ou avec un message d’erreur' })
  callback(@Req() request: Request, @Res() response: Response): void {
    const outcome = request.proconnectOutcome;
    if (!outcome?.ok) return response.redirect(302, `/connexion?erreur=${outcome?.erreur ?? 'proconnect'}`);
    setSessionCookie(response, outcome.token, outcome.expiresAt, this.config.cookieSecure);
    response.redirect(302, outcome.redirection);
  }

  @Post('deconnexion')
  @SignedIn()
  @HttpCode(200)
  @ApiOkResponse({ type: ProConnectLogoutDto })
  async logout(@User() user: CurrentUser, @Res({ passthrough: true }) response: Response): Promise<ProConnectLogoutDto> {
    const { redirectUrl, cookie } = await this.proconnect.startLogout(user.sessionId);
    response.clearCookie('pvd_session', { path: '/' });
    if (cookie) setProConnectCookie(response, cookie, this.config.cookieSecure);
    return { redirectUrl };
  }

  @Get('deconnexion/retour')
  @Public()
  @ApiFoundResponse({ description: 'Retour dans l’application après la déconnexion de ProConnect' })
  async logoutReturn(@Req() request: Request, @Res() response: Response): Promise<void> {
    // ProConnect's parameters are read here, not validated as a DTO: it may add its own.
    const ok = await this.proconnect.finishLogout(request.cookies?.[COOKIE], request.query.state);
    response.clearCookie(COOKIE, { path: COOKIE_PATH });
    response.redirect(302, ok ? '/connexion?deconnexion=ok' : '/connexion');
  }
}

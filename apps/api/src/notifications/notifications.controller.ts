import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { PublicSignedLink, SignedIn } from '../core/auth/access.decorators';
import { actorOf } from '../core/auth/actor';
import { type CurrentUser, User } from '../core/auth/current-user';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import {
  MarkedReadDto,
  NotificationDto,
  NotificationIdParam,
  NotificationPageDto,
  NotificationsQuery,
  PreferenceInput,
  PreferenceKindParam,
  PreferencesDto,
  UnreadCountDto,
  UnsubscribeInfoDto,
  UnsubscribeQuery,
} from './dto/notifications.dto';
import { NotificationCentreService } from './notification-centre.service';

const rolesOf = (user: CurrentUser) => user.memberships.map((m) => m.role);

/**
 * The caller's own notifications and email preferences (every signed-in user, each only their
 * own), and the unsubscribe link of emails, which works without signing in.
 */
@ApiTags('notifications')
@ApiErrors(400, 401)
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly centre: NotificationCentreService) {}

  @Get()
  @SignedIn()
  @ApiOkResponse({ type: NotificationPageDto })
  list(@User() user: CurrentUser, @Query() query: NotificationsQuery): Promise<NotificationPageDto> {
    return this.centre.list(user.id, query.nonLues ?? false, query.page ?? 1, query.pageSize ?? 50);
  }

  @Get('non-lues')
  @SignedIn()
  @ApiOkResponse({ type: UnreadCountDto })
  async unread(@User() user: CurrentUser): Promise<UnreadCountDto> {
    return { unread: await this.centre.unreadCount(user.id) };
  }

  @Post('lues')
  @SignedIn()
  @HttpCode(200)
  @ApiOperation({ summary: 'Marque toutes vos notifications comme lues' })
  @ApiOkResponse({ type: MarkedReadDto })
  async markAllRead(@User() user: CurrentUser): Promise<MarkedReadDto> {
    return { marked: await this.centre.markAllRead(user.id) };
  }

  @Post(':id/lue')
  @SignedIn()
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationDto })
  @ApiErrors(404)
  markRead(@User() user: CurrentUser, @Param() params: NotificationIdParam): Promise<NotificationDto> {
    return this.centre.markRead(user.id, params.id);
  }

  @Get('preferences')
  @SignedIn()
  @ApiOkResponse({ type: PreferencesDto })
  async preferences(@User() user: CurrentUser): Promise<PreferencesDto> {
    return { items: await this.centre.preferences(user.id, rolesOf(user)) };
  }

  @Put('preferences/:kind')
  @SignedIn()
  @ApiOkResponse({ type: PreferencesDto })
  @ApiErrors(409)
  async setPreference(@User() user: CurrentUser, @Param() params: PreferenceKindParam, @Body() input: PreferenceInput, @Req() request: Request): Promise<PreferencesDto> {
    return { items: await this.centre.setPreference(user.id, rolesOf(user), params.kind, input.delivery, input.version, actorOf(request)) };
  }

  @Get('desabonnement')
  @PublicSignedLink()
  @ApiOperation({ summary: 'Ce que ferait un lien de désabonnement (page de confirmation, sans connexion)' })
  @ApiOkResponse({ type: UnsubscribeInfoDto })
  unsubscribeInfo(@Query() query: UnsubscribeQuery): Promise<UnsubscribeInfoDto> {
    return this.centre.unsubscribeInfo(query.jeton);
  }

  /**
   * Applies the link: from the confirmation page, or in one click by the mail client
   * (List-Unsubscribe-Post, RFC 8058: a POST without cookie nor CSRF header, the token in the URL).
   */
  @Post('desabonnement')
  @PublicSignedLink()
  @HttpCode(200)
  @ApiOperation({ summary: 'Désabonnement par le lien signé d’un courriel (sans connexion)' })
  @ApiOkResponse({ type: UnsubscribeInfoDto })
  unsubscribe(@Query() query: UnsubscribeQuery, @Req() request: Request): Promise<UnsubscribeInfoDto> {
    return this.centre.unsubscribe(query.jeton, request.ip ?? null, String(request.id ?? '') || null);
  }
}

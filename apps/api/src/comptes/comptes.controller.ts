import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags, OmitType } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { Public, RequirePermission, SignedIn } from '../core/auth/access.decorators';
import { actorOf } from '../core/auth/actor';
import { toMe } from '../core/auth/auth.controller';
import { CurrentUser, User } from '../core/auth/current-user';
import { MeDto } from '../core/auth/dto/login.dto';
import { clientAddress, PasswordAttempts, tooManyAttempts } from '../core/auth/password-attempts';
import { SessionService, setSessionCookie } from '../core/auth/session.service';
import { APP_CONFIG, AppConfig } from '../core/config/config';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { ApiExport, Exportable, keysetBatches, pagesOf, sendExport, type ExportColumn } from '../core/export';
import { AppError } from '../core/errors/app-error';
import { loadMemberships } from '../core/auth/memberships';
import { ROLE_LABELS } from '@suivi-pvd/domain';
import { auditChangesText } from '../audit/audit-export';
import { ComptesService } from './comptes.service';
import {
  AuditEntryDto,
  AuditPageDto,
  AuditQuery,
  ChangePasswordInput,
  ChangeRoleInput,
  InviteInput,
  InviteResultDto,
  MessageDto,
  ListUsersQuery,
  MembershipParams,
  OrganisationDto,
  OrganisationIdParam,
  SetSiretInput,
  ResetRequestInput,
  TokenPasswordInput,
  UserDto,
  UserIdParam,
  UserPageDto,
  VersionInput,
} from './dto/comptes.dto';
import { InvitationsService } from './invitations.service';
import { PasswordsService } from './passwords.service';

/** Accounts, organisations and the security log, for administrators and préfectures. */
/** The columns of the accounts' export. */
const USER_COLUMNS: ExportColumn<UserDto>[] = [
  { header: 'Nom', kind: 'texte', width: 28, value: (u) => u.displayName },
  { header: 'Adresse électronique', kind: 'texte', width: 32, value: (u) => u.email },
  { header: 'Actif', kind: 'booleen', value: (u) => u.active },
  { header: 'Invitation en attente', kind: 'booleen', value: (u) => u.pendingInvitation },
  { header: 'Dernière connexion', kind: 'horodatage', width: 18, value: (u) => u.lastLoginAt },
  { header: 'Rattachements', kind: 'texte', width: 60, value: (u) => u.memberships.map((m) => `${m.organisationNom} (${ROLE_LABELS[m.role]})`).join(' ; ') },
];

/** The columns of the security journal's export: in words, with the raw values kept for audits. */
const AUDIT_COLUMNS: ExportColumn<AuditEntryDto>[] = [
  { header: 'Date', kind: 'horodatage', width: 18, value: (e) => e.at },
  { header: 'Auteur', kind: 'texte', width: 36, value: (e) => e.auteur },
  { header: 'Adresse électronique de l’auteur', kind: 'texte', width: 28, value: (e) => e.actor },
  { header: 'Action', kind: 'texte', width: 28, value: (e) => e.actionLibelle },
  { header: 'Cible', kind: 'texte', width: 36, value: (e) => e.objet },
  { header: 'Dossier', kind: 'texte', width: 28, value: (e) => e.dossier },
  { header: 'Adresse IP', kind: 'texte', width: 16, value: (e) => e.ip },
  { header: 'Modifications', kind: 'texte', width: 60, value: (e) => auditChangesText(e.changes) },
  { header: 'Avant (valeurs brutes)', kind: 'texte', width: 40, value: (e) => (e.before === null || e.before === undefined ? null : JSON.stringify(e.before)) },
  { header: 'Après (valeurs brutes)', kind: 'texte', width: 40, value: (e) => (e.after === null || e.after === undefined ? null : JSON.stringify(e.after)) },
];

class ExportUsersQuery extends Exportable(ListUsersQuery) {}
/** The journal's export runs from the newest entry (or `avant`) to the oldest: no page, no `apres`. */
class ExportAuditQuery extends Exportable(OmitType(AuditQuery, ['page', 'apres'] as const)) {}

@ApiTags('comptes')
@ApiErrors(400, 401, 403)
@Controller()
export class ComptesController {
  constructor(
    private readonly comptes: ComptesService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get('comptes')
  @RequirePermission('comptes:lire')
  @ApiOkResponse({ type: UserPageDto })
  list(@User() user: CurrentUser, @Query() query: ListUsersQuery): Promise<UserPageDto> {
    return this.comptes.listUsers(user, query.q, query.page ?? 1);
  }

  @Get('comptes/export')
  @RequirePermission('comptes:lire')
  @ApiExport('Les comptes de son périmètre')
  async exportUsers(@User() user: CurrentUser, @Query() query: ExportUsersQuery, @Res() response: Response): Promise<void> {
    await sendExport(response, query.format, {
      name: 'comptes',
      sheet: 'Comptes',
      columns: USER_COLUMNS,
      batches: pagesOf((page, pageSize) => this.comptes.listUsers(user, query.q, page, pageSize)),
    });
  }

  @Post('comptes/invitations')
  @RequirePermission('comptes:inviter')
  @ApiCreatedResponse({ type: InviteResultDto })
  @ApiErrors(404)
  invite(@User() user: CurrentUser, @Body() body: InviteInput, @Req() request: Request): Promise<InviteResultDto> {
    return this.invitations.invite(user, body, actorOf(request));
  }

  @Post('comptes/:id/desactivation')
  @RequirePermission('comptes:gerer')
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(404, 409)
  deactivate(@User() user: CurrentUser, @Param() params: UserIdParam, @Body() body: VersionInput, @Req() request: Request): Promise<UserDto> {
    return this.comptes.setActive(user, params.id, false, body.version, actorOf(request));
  }

  @Post('comptes/:id/reactivation')
  @RequirePermission('comptes:gerer')
  @HttpCode(200)
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(404, 409)
  reactivate(@User() user: CurrentUser, @Param() params: UserIdParam, @Body() body: VersionInput, @Req() request: Request): Promise<UserDto> {
    return this.comptes.setActive(user, params.id, true, body.version, actorOf(request));
  }

  @Patch('comptes/:id/rattachements/:membershipId')
  @RequirePermission('comptes:gerer')
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(404, 409)
  changeRole(@User() user: CurrentUser, @Param() params: MembershipParams, @Body() body: ChangeRoleInput, @Req() request: Request): Promise<UserDto> {
    return this.comptes.changeRole(user, params.id, params.membershipId, body.role, body.version, actorOf(request));
  }

  @Get('organisations')
  @RequirePermission('comptes:lire')
  @ApiOkResponse({ type: [OrganisationDto] })
  organisations(@User() user: CurrentUser, @Query() query: ListUsersQuery): Promise<OrganisationDto[]> {
    return this.comptes.listOrganisations(user, query.q);
  }

  @Patch('organisations/:id/siret')
  @RequirePermission('comptes:gerer')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'SIRET enregistré' })
  @ApiErrors(404, 409)
  setSiret(@Param() params: OrganisationIdParam, @Body() body: SetSiretInput, @Req() request: Request): Promise<void> {
    return this.comptes.setSiret(params.id, body.siret ?? null, body.version, actorOf(request));
  }

  @Get('journal')
  @RequirePermission('audit:lire')
  @ApiOkResponse({ type: AuditPageDto })
  journal(@Query() query: AuditQuery): Promise<AuditPageDto> {
    return this.comptes.auditLog(query.action, query.page ?? 1, undefined, query.avant, query.apres);
  }

  @Get('journal/export')
  @RequirePermission('audit:lire')
  @ApiExport('Le journal de sécurité')
  async exportJournal(@Query() query: ExportAuditQuery, @Res() response: Response): Promise<void> {
    await sendExport(response, query.format, {
      name: 'journal',
      sheet: 'Journal',
      columns: AUDIT_COLUMNS,
      // By keyset: the whole journal at the same cost per batch, however long it is.
      batches: keysetBatches<AuditEntryDto, string | undefined>(
        query.avant,
        (entry) => entry.id,
        async (avant, size) => (await this.comptes.auditLog(query.action, 1, size, avant)).items,
      ),
    });
  }
}

/** Links received by email, and the password change of the signed-in user. */
@ApiTags('auth')
@ApiErrors(400)
@Controller('auth')
export class AccountLinksController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly passwords: PasswordsService,
    private readonly sessions: SessionService,
    private readonly attempts: PasswordAttempts,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('invitation/acceptation')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: MeDto, description: 'Compte activé ; la session est ouverte' })
  async accept(@Body() body: TokenPasswordInput, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<MeDto> {
    const user = await this.invitations.accept(body.token, body.password, request.ip ?? null);
    return this.openSession(user, request, response);
  }

  @Post('reinitialisation/demande')
  @Public()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: MessageDto, description: 'Toujours la même réponse, que l’adresse ait un compte ou non' })
  async requestReset(@Body() body: ResetRequestInput, @Req() request: Request): Promise<MessageDto> {
    await this.passwords.requestReset(body.email, request.ip ?? null);
    return { message: 'Si un compte existe pour cette adresse, un lien de réinitialisation vient d’y être envoyé.' };
  }

  @Post('reinitialisation/confirmation')
  @Public()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Mot de passe changé ; toutes les sessions sont fermées' })
  confirmReset(@Body() body: TokenPasswordInput, @Req() request: Request): Promise<void> {
    return this.passwords.confirmReset(body.token, body.password, request.ip ?? null);
  }

  @Post('mot-de-passe')
  @SignedIn()
  @HttpCode(200)
  @ApiOkResponse({ type: MeDto, description: 'Mot de passe changé ; les autres sessions sont fermées, celle-ci est renouvelée' })
  @ApiErrors(429)
  async change(@User() user: CurrentUser, @Body() body: ChangePasswordInput, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<MeDto> {
    // Slowed like sign-in, on the same account-and-client count: it checks the same password.
    const attempt = await this.attempts.begin(user.email.toLowerCase(), clientAddress(request));
    if ('retryAfter' in attempt) throw tooManyAttempts(response, attempt.retryAfter, 'Trop de tentatives avec un mot de passe actuel incorrect.');
    try {
      await this.passwords.change(user, body.currentPassword, body.newPassword, actorOf(request));
    } catch (error) {
      // Only a wrong current password counts as a failure (a refused new password does not).
      if (!(error instanceof AppError && error.code === 'PASSWORD_INCORRECT')) await attempt.succeeded();
      throw error;
    }
    await attempt.succeeded();
    return this.openSession(user, request, response);
  }

  private async openSession(user: { id: string; email: string; displayName: string }, request: Request, response: Response): Promise<MeDto> {
    const { token, expiresAt } = await this.sessions.open(user, request.ip ?? null, request.get('user-agent') ?? null);
    setSessionCookie(response, token, expiresAt, this.config.cookieSecure);
    const memberships = (await loadMemberships(this.dataSource, [user.id])).get(user.id) ?? [];
    return toMe({ ...user, memberships });
  }
}

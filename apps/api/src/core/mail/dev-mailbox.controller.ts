import { Controller, Delete, Get, HttpCode, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { SignedIn } from '../auth/access.decorators';
import { CurrentUser, User } from '../auth/current-user';
import { ApiErrors } from '../errors/api-errors.decorator';
import { AppError } from '../errors/app-error';
import { Mailer } from './mailer.service';
import { CapturedEmail, SmtpSink } from './smtp-sink';

export class DevEmailsQuery {
  @ApiPropertyOptional({ description: 'Ne garder que les courriels adressés à cette adresse (casse ignorée)', example: 'agent@exemple.fr' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  to?: string;
}

export class CapturedEmailDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ example: 'Suivi PVD <ne-pas-repondre@suivi-pvd.invalid>' }) from!: string;
  @ApiProperty({ type: [String], example: ['agent@exemple.fr'] }) to!: string[];
  @ApiProperty({ example: 'Invitation à rejoindre Suivi PVD' }) subject!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: String, nullable: true }) html!: string | null;
}

export class CapturedEmailListDto {
  @ApiProperty({ type: [CapturedEmailDto], description: 'Du plus ancien au plus récent' }) items!: CapturedEmailDto[];
}

function toDto(email: CapturedEmail): CapturedEmailDto {
  return { id: email.id, from: email.from, to: [...email.to], subject: email.subject, text: email.text, html: email.html, receivedAt: email.receivedAt.toISOString() };
}

function isAddressedTo(email: CapturedEmail, address: string): boolean {
  return email.to.some((to) => to.toLowerCase() === address);
}

/** Administrators read and empty the whole mailbox; everyone else only sees their own emails. */
export function isMailboxAdministrator(user: CurrentUser): boolean {
  return user.memberships.some((m) => m.role === 'administrateur');
}

/**
 * The local SMTP sink's mailbox, to read invitations and password resets in development and
 * end-to-end tests. `MailModule.forRoot` registers this controller only in sink mode with
 * DEV_MAILBOX on (never in production), so these routes do not exist where real emails are sent.
 *
 * Access: the mailbox holds every account's invitation and reset links, so a signed-in user
 * reads only the emails addressed to them; administrators read them all and alone may empty it.
 */
@ApiTags('dev')
@ApiErrors(401, 403)
@Controller('dev/emails')
export class DevMailboxController {
  constructor(private readonly mailer: Mailer) {}

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'Courriels capturés : les siens, ou tous pour un administrateur' })
  @ApiOkResponse({ type: CapturedEmailListDto, description: 'Courriels capturés par le serveur SMTP local (jamais envoyés)' })
  list(@User() user: CurrentUser, @Query() query: DevEmailsQuery): CapturedEmailListDto {
    const to = query.to?.trim().toLowerCase();
    let emails = this.sink().messages();
    if (!isMailboxAdministrator(user)) emails = emails.filter((e) => isAddressedTo(e, user.email.toLowerCase()));
    if (to) emails = emails.filter((e) => isAddressedTo(e, to));
    return { items: emails.map(toDto) };
  }

  @Delete()
  @SignedIn()
  @HttpCode(204)
  @ApiOperation({ summary: 'Vide la boîte (administrateurs)' })
  @ApiNoContentResponse({ description: 'Boîte vidée' })
  clear(@User() user: CurrentUser): void {
    if (!isMailboxAdministrator(user)) throw new AppError('FORBIDDEN', 'Seul un administrateur peut vider la boîte des courriels de développement.');
    this.sink().clear();
  }

  private sink(): SmtpSink {
    const sink = this.mailer.sink();
    // Registered in sink mode only, so a missing sink means the module was misassembled.
    if (!sink) throw new Error('DevMailboxController is registered but the mailer has no SMTP sink');
    return sink;
  }
}

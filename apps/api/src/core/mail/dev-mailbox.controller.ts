import { Controller, Delete, Get, HttpCode, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { RequirePermission } from '../auth/access.decorators';
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
  return { ...email, to: [...email.to], receivedAt: email.receivedAt.toISOString() };
}

/**
 * The local SMTP sink's mailbox, to read invitations and password resets in development and
 * end-to-end tests. `MailModule.forRoot` registers this controller only in sink mode outside
 * production, so these routes do not exist where real emails are sent.
 *
 * Access: people who may invite (administrators, préfectures), since the mailbox holds the
 * invitation and reset links of every account of the instance.
 */
@ApiTags('dev')
@Controller('dev/emails')
export class DevMailboxController {
  constructor(private readonly mailer: Mailer) {}

  @Get()
  @RequirePermission('comptes:inviter')
  @ApiOkResponse({ type: CapturedEmailListDto, description: 'Courriels capturés par le serveur SMTP local (jamais envoyés)' })
  list(@Query() query: DevEmailsQuery): CapturedEmailListDto {
    const to = query.to?.trim().toLowerCase();
    const emails = this.sink().messages();
    return { items: (to ? emails.filter((e) => e.to.some((address) => address.toLowerCase() === to)) : emails).map(toDto) };
  }

  @Delete()
  @RequirePermission('comptes:inviter')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Boîte vidée' })
  clear(): void {
    this.sink().clear();
  }

  private sink(): SmtpSink {
    const sink = this.mailer.sink();
    // Registered in sink mode only, so a missing sink means the module was misassembled.
    if (!sink) throw new Error('DevMailboxController is registered but the mailer has no SMTP sink');
    return sink;
  }
}

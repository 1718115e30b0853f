import { Body, Controller, Get, Param, Put, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RequirePermission } from '../core/auth/access.decorators';
import { actorOf } from '../core/auth/actor';
import { CurrentUser, User } from '../core/auth/current-user';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { PvdIdParam } from '../pvd/dto/pvd.dto';
import { DossiersService } from './dossiers.service';
import { ContactDto, ContactInput, ContactParams, DossierApercuDto, DossierDto, HistoryEntryDto, HistoryPageDto } from './dto/dossier.dto';
import { ApiExport, ExportFormatQuery, pagesOf, sendExport, type ExportColumn } from '../core/export';
import { SizedPageQuery } from '../core/http/page-query';
import { auditChangesText } from '../audit/audit-export';

/** The columns of a dossier history's export: one line per change, in words as on screen. */
const HISTORY_COLUMNS: ExportColumn<HistoryEntryDto>[] = [
  { header: 'Date', kind: 'horodatage', width: 18, value: (e) => e.at },
  { header: 'Auteur', kind: 'texte', width: 28, value: (e) => e.auteur },
  { header: 'Action', kind: 'texte', width: 28, value: (e) => e.actionLibelle },
  { header: 'Objet', kind: 'texte', width: 36, value: (e) => e.objet },
  { header: 'Modifications', kind: 'texte', width: 60, value: (e) => auditChangesText(e.changes) },
];

/** The dossier of a PVD: summary, contacts, history. */
@ApiTags('dossiers')
@ApiErrors(400, 401, 403)
@Controller('pvd/:id')
export class DossiersController {
  constructor(private readonly dossiers: DossiersService) {}

  @Get('dossier')
  // Its readers read it all; a partner funding something in the PVD reads its summary (requireDossierRead).
  @RequirePermission('pvd:resume')
  @ApiOperation({
    summary:
      'Le dossier : communes, EPCI, contacts, conventions, échéance de la convention-cadre, alertes ; pour un partenaire qui y finance une mission, une ligne ou une opération, son résumé sans contacts',
  })
  @ApiOkResponse({ type: DossierDto })
  @ApiErrors(404)
  get(@User() user: CurrentUser, @Param() params: PvdIdParam): Promise<DossierDto> {
    return this.dossiers.get(user, params.id);
  }

  @Get('dossier/apercu')
  // The same readers as the dossier (requireDossierRead): a partner reads the summary's sections.
  @RequirePermission('pvd:resume')
  @ApiOperation({
    summary:
      'Le premier écran du dossier en un appel : le dossier (communes, EPCI, conventions, échéance, alertes, postes, droits) et le nombre d’enregistrements de chaque rubrique, chargée à son ouverture',
  })
  @ApiOkResponse({ type: DossierApercuDto })
  @ApiErrors(404)
  apercu(@User() user: CurrentUser, @Param() params: PvdIdParam): Promise<DossierApercuDto> {
    return this.dossiers.apercu(user, params.id);
  }

  @Put('contacts/:fonction')
  // Judged per contact on the stored territory (canEditContact): the préfecture fills in its own référent.
  @RequirePermission('pvd:lire')
  @ApiOperation({ summary: 'Renseigne un contact du dossier (version 0 pour le premier enregistrement) ; la préfecture renseigne son référent seulement' })
  @ApiOkResponse({ type: ContactDto })
  @ApiErrors(404, 409)
  saveContact(@User() user: CurrentUser, @Req() request: Request, @Param() params: ContactParams, @Body() input: ContactInput): Promise<ContactDto> {
    return this.dossiers.saveContact(user, actorOf(request), params.id, params.fonction, input);
  }

  @Get('historique')
  @RequirePermission('pvd:lire')
  @ApiOperation({ summary: 'Historique des modifications du dossier, la plus récente en premier' })
  @ApiOkResponse({ type: HistoryPageDto })
  @ApiErrors(404)
  history(@User() user: CurrentUser, @Param() params: PvdIdParam, @Query() query: SizedPageQuery): Promise<HistoryPageDto> {
    return this.dossiers.history(user, params.id, query.page ?? 1, query.pageSize ?? 50);
  }

  @Get('historique/export')
  @RequirePermission('pvd:lire')
  @ApiExport('L’historique du dossier')
  @ApiErrors(404)
  async exportHistory(@User() user: CurrentUser, @Param() params: PvdIdParam, @Query() query: ExportFormatQuery, @Res() response: Response): Promise<void> {
    await sendExport(response, query.format, {
      name: 'historique',
      sheet: 'Historique',
      columns: HISTORY_COLUMNS,
      batches: pagesOf((page, pageSize) => this.dossiers.history(user, params.id, page, pageSize)),
    });
  }
}

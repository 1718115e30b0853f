import { Body, Controller, Get, Param, Put, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { RequirePermission } from '../core/auth/access.decorators';
import { actorOf } from '../core/auth/actor';
import { CurrentUser, User } from '../core/auth/current-user';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { PvdIdParam } from '../pvd/dto/pvd.dto';
import { DossiersService } from './dossiers.service';
import { ContactDto, ContactInput, ContactParams, DossierDto, HistoryPageDto } from './dto/dossier.dto';
import { SizedPageQuery } from '../core/http/page-query';

/** The dossier of a PVD: summary, contacts, history. */
@ApiTags('dossiers')
@ApiErrors(400, 401, 403)
@Controller('pvd/:id')
export class DossiersController {
  constructor(private readonly dossiers: DossiersService) {}

  @Get('dossier')
  @RequirePermission('pvd:lire')
  @ApiOperation({ summary: 'Le dossier : communes, EPCI, contacts, conventions, échéance de la convention-cadre, alertes' })
  @ApiOkResponse({ type: DossierDto })
  @ApiErrors(404)
  get(@User() user: CurrentUser, @Param() params: PvdIdParam): Promise<DossierDto> {
    return this.dossiers.get(user, params.id);
  }

  @Put('contacts/:fonction')
  @RequirePermission('pvd:modifier')
  @ApiOperation({ summary: 'Renseigne un contact du dossier (version 0 pour le premier enregistrement)' })
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
}

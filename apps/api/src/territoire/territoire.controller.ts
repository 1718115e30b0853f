import { Body, Controller, Get, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { RequirePermission } from '../core/auth/access.decorators';
import { actorOf } from '../core/auth/actor';
import { CurrentUser, User } from '../core/auth/current-user';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { PvdIdParam } from '../pvd/dto/pvd.dto';
import {
  OperationHabitatDto,
  OperationHabitatFields,
  OperationIdParam,
  OperationsHabitatPageDto,
  OperationsHabitatQuery,
  UpdateOperationHabitatInput,
} from './dto/operation-habitat.dto';
import { OrtDto, OrtDuDossierDto, OrtIdParam, OrtInput, UpdateOrtInput } from './dto/ort.dto';
import { OrtsPageDto, OrtsQuery } from './dto/orts-list.dto';
import { OperationsHabitatService } from './operations-habitat.service';
import { OrtsService } from './orts.service';

/**
 * ORT and habitat operations: entered once over the communes they cover, shown on the dossier of
 * every PVD they cover. Read with `pvd:lire` over one covered commune; written with
 * `pvd:modifier` (operations) or `territoire:saisir` (ORT: chefs de projet and the ANCT) over one
 * covered commune (see `coverageWriteCheck` for the communes added or removed).
 */
@ApiTags('territoire')
@ApiErrors(400, 401, 403)
@Controller()
export class TerritoireController {
  constructor(
    private readonly orts: OrtsService,
    private readonly operations: OperationsHabitatService,
  ) {}

  @Get('pvd/:id/ort')
  // Part of the dossier's summary (requireDossierRead).
  @RequirePermission('pvd:resume')
  @ApiOperation({ summary: 'Les ORT qui couvrent une commune de la PVD, et sa convention-cadre si elle vaut ORT' })
  @ApiOkResponse({ type: OrtDuDossierDto })
  @ApiErrors(404)
  ortForPvd(@User() user: CurrentUser, @Param() params: PvdIdParam): Promise<OrtDuDossierDto> {
    return this.orts.forPvd(user, params.id);
  }

  @Get('orts')
  @RequirePermission('pvd:lire')
  @ApiOperation({ summary: 'ORT de son territoire, filtrées (statut, région, département, PVD), avec les totaux (ORT, communes couvertes)' })
  @ApiOkResponse({ type: OrtsPageDto })
  listOrts(@User() user: CurrentUser, @Query() query: OrtsQuery): Promise<OrtsPageDto> {
    return this.orts.list(user, query);
  }

  @Post('orts')
  @RequirePermission('territoire:saisir')
  @ApiOperation({ summary: 'Enregistre une ORT sur les communes qu’elle couvre' })
  @ApiCreatedResponse({ type: OrtDto })
  createOrt(@User() user: CurrentUser, @Req() request: Request, @Body() input: OrtInput): Promise<OrtDto> {
    return this.orts.create(user, actorOf(request), input);
  }

  @Put('orts/:id')
  @RequirePermission('territoire:saisir')
  @ApiOperation({ summary: 'Modifie une ORT (avec la version lue)' })
  @ApiOkResponse({ type: OrtDto })
  @ApiErrors(404, 409)
  updateOrt(@User() user: CurrentUser, @Req() request: Request, @Param() params: OrtIdParam, @Body() input: UpdateOrtInput): Promise<OrtDto> {
    return this.orts.update(user, actorOf(request), params.id, input);
  }

  @Get('operations-habitat')
  @RequirePermission('pvd:lire')
  @ApiOperation({ summary: 'Opérations d’habitat de son territoire, filtrées, avec les totaux (opérations, communes couvertes)' })
  @ApiOkResponse({ type: OperationsHabitatPageDto })
  listOperations(@User() user: CurrentUser, @Query() query: OperationsHabitatQuery): Promise<OperationsHabitatPageDto> {
    return this.operations.list(user, query);
  }

  @Post('operations-habitat')
  @RequirePermission('pvd:modifier')
  @ApiOperation({ summary: 'Enregistre une opération d’habitat sur les communes qu’elle couvre' })
  @ApiCreatedResponse({ type: OperationHabitatDto })
  createOperation(@User() user: CurrentUser, @Req() request: Request, @Body() input: OperationHabitatFields): Promise<OperationHabitatDto> {
    return this.operations.create(user, actorOf(request), input);
  }

  @Get('operations-habitat/:id')
  @RequirePermission('pvd:lire')
  @ApiOperation({ summary: 'Une opération d’habitat' })
  @ApiOkResponse({ type: OperationHabitatDto })
  @ApiErrors(404)
  getOperation(@User() user: CurrentUser, @Param() params: OperationIdParam): Promise<OperationHabitatDto> {
    return this.operations.get(user, params.id);
  }

  @Put('operations-habitat/:id')
  @RequirePermission('pvd:modifier')
  @ApiOperation({ summary: 'Modifie une opération d’habitat (avec la version lue)' })
  @ApiOkResponse({ type: OperationHabitatDto })
  @ApiErrors(404, 409)
  updateOperation(@User() user: CurrentUser, @Req() request: Request, @Param() params: OperationIdParam, @Body() input: UpdateOperationHabitatInput): Promise<OperationHabitatDto> {
    return this.operations.update(user, actorOf(request), params.id, input);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { RequirePermission } from '../core/auth/access.decorators';
import { actorOf } from '../core/auth/actor';
import { CurrentUser, User } from '../core/auth/current-user';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { PvdIdParam } from '../pvd/dto/pvd.dto';
import { DemarchesService } from './demarches.service';
import {
  CreateDemarcheInput,
  CreateParticipationInput,
  DemarcheDto,
  DemarcheIdParam,
  DemarchesDto,
  ParticipationDto,
  ParticipationIdParam,
  ParticipationsDuDossierDto,
  ParticipationsPageDto,
  ParticipationsQuery,
  UpdateDemarcheInput,
  UpdateParticipationInput,
  VersionQuery,
} from './dto/demarche.dto';

/** Thematic schemes (France services, Micro-Folie…): the catalogue the ANCT manages, and communes' participations. */
@ApiTags('demarches')
@ApiErrors(400, 401, 403)
@Controller()
export class DemarchesController {
  constructor(private readonly demarches: DemarchesService) {}

  @Get('demarches')
  @RequirePermission('referentiel:lire')
  @ApiOperation({ summary: 'Le catalogue des dispositifs thématiques, avec leurs attributs et le nombre de participations visibles' })
  @ApiOkResponse({ type: DemarchesDto })
  catalogue(@User() user: CurrentUser): Promise<DemarchesDto> {
    return this.demarches.catalogue(user);
  }

  @Post('demarches')
  @RequirePermission('programme:parametrer')
  @ApiOperation({ summary: 'Ajoute un dispositif au catalogue, avec ses attributs typés' })
  @ApiCreatedResponse({ type: DemarcheDto })
  @ApiErrors(409)
  createDemarche(@User() user: CurrentUser, @Req() request: Request, @Body() input: CreateDemarcheInput): Promise<DemarcheDto> {
    return this.demarches.createDemarche(user, actorOf(request), input);
  }

  @Patch('demarches/:id')
  @RequirePermission('programme:parametrer')
  @ApiOperation({
    summary: 'Modifie un dispositif (nom, description, actif, attributs) avec la version lue',
    description: 'Un attribut renseigné par des participations ne peut être ni retiré, ni changer de type, ni perdre un choix encore utilisé (409).',
  })
  @ApiOkResponse({ type: DemarcheDto })
  @ApiErrors(404, 409)
  updateDemarche(@User() user: CurrentUser, @Req() request: Request, @Param() params: DemarcheIdParam, @Body() input: UpdateDemarcheInput): Promise<DemarcheDto> {
    return this.demarches.updateDemarche(user, actorOf(request), params.id, input);
  }

  @Get('demarches/:id/participations')
  @RequirePermission('pvd:lire')
  @ApiOperation({ summary: 'Les communes participant à un dispositif, sur son territoire, par département ou région' })
  @ApiOkResponse({ type: ParticipationsPageDto })
  @ApiErrors(404)
  listForDemarche(@User() user: CurrentUser, @Param() params: DemarcheIdParam, @Query() query: ParticipationsQuery): Promise<ParticipationsPageDto> {
    return this.demarches.listForDemarche(user, params.id, query);
  }

  @Post('demarches/:id/participations')
  @RequirePermission('territoire:saisir')
  @ApiOperation({ summary: 'Enregistre la participation d’une commune à un dispositif, avec ses dates et ses attributs' })
  @ApiCreatedResponse({ type: ParticipationDto })
  @ApiErrors(404)
  createParticipation(@User() user: CurrentUser, @Req() request: Request, @Param() params: DemarcheIdParam, @Body() input: CreateParticipationInput): Promise<ParticipationDto> {
    return this.demarches.createParticipation(user, actorOf(request), params.id, input);
  }

  @Get('pvd/:id/demarches')
  @RequirePermission('pvd:lire')
  @ApiOperation({ summary: 'Les dispositifs thématiques auxquels participent les communes du dossier' })
  @ApiOkResponse({ type: ParticipationsDuDossierDto })
  @ApiErrors(404)
  listForPvd(@User() user: CurrentUser, @Param() params: PvdIdParam): Promise<ParticipationsDuDossierDto> {
    return this.demarches.listForPvd(user, params.id);
  }

  @Put('participations/:id')
  @RequirePermission('territoire:saisir')
  @ApiOperation({ summary: 'Modifie une participation (dates et attributs) avec la version lue' })
  @ApiOkResponse({ type: ParticipationDto })
  @ApiErrors(404, 409)
  updateParticipation(@User() user: CurrentUser, @Req() request: Request, @Param() params: ParticipationIdParam, @Body() input: UpdateParticipationInput): Promise<ParticipationDto> {
    return this.demarches.updateParticipation(user, actorOf(request), params.id, input);
  }

  @Delete('participations/:id')
  @HttpCode(204)
  @RequirePermission('territoire:saisir')
  @ApiOperation({ summary: 'Supprime une participation (avec la version lue, en paramètre `version`)' })
  @ApiNoContentResponse()
  @ApiErrors(404, 409)
  deleteParticipation(@User() user: CurrentUser, @Req() request: Request, @Param() params: ParticipationIdParam, @Query() query: VersionQuery): Promise<void> {
    return this.demarches.deleteParticipation(user, actorOf(request), params.id, query.version);
  }
}

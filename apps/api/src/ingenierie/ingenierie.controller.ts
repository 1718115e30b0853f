import { Body, Controller, Get, Param, Patch, Post, Put, Query, Req, UploadedFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { RequirePermission } from '../core/auth/access.decorators';
import { actorOf } from '../core/auth/actor';
import { CurrentUser, User } from '../core/auth/current-user';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { FileUpload } from '../core/files/upload';
import { DocumentDto } from '../conventions/dto/convention.dto';
import { DocumentsService } from '../documents/documents.service';
import { PvdIdParam } from '../pvd/dto/pvd.dto';
import {
  AddLivrableInput,
  CreateMissionInput,
  FinanceurIdParam,
  FinanceurInput,
  FinanceursDto,
  MissionDto,
  MissionIdParam,
  MissionsPageDto,
  MissionsQuery,
  PvdChoixDto,
  PvdChoixQuery,
  UpdateFinanceurInput,
  UpdateMissionInput,
} from './dto/mission.dto';
import {
  DemandeInput,
  DemandeParams,
  InstructionInput,
  PosteAlertesPageDto,
  PosteAlertesQuery,
  PosteDto,
  PosteIdParam,
  PosteInput,
  PostesDuDossierDto,
  PosteSubventionDto,
  PosteSubventionQuery,
  UpdatePosteInput,
} from './dto/poste.dto';
import { FinanceursService } from './financeurs.service';
import { MissionsService } from './missions.service';
import { PostesService } from './postes.service';

/** The co-financed chef de projet posts: holders, costs, co-financers, computed subsidy, yearly requests. */
@ApiTags('postes')
@ApiErrors(400, 401, 403)
@Controller()
export class PostesController {
  constructor(private readonly postes: PostesService) {}

  @Get('pvd/:id/postes')
  @RequirePermission('pvd:lire')
  @ApiOperation({ summary: 'Les postes de chef de projet du dossier, avec le cofinancement de l’année et les alertes' })
  @ApiOkResponse({ type: PostesDuDossierDto })
  @ApiErrors(404)
  listForPvd(@User() user: CurrentUser, @Param() params: PvdIdParam): Promise<PostesDuDossierDto> {
    return this.postes.listForPvd(user, params.id);
  }

  @Post('pvd/:id/postes')
  @RequirePermission('pvd:modifier')
  @ApiOperation({ summary: 'Enregistre un poste de chef de projet' })
  @ApiCreatedResponse({ type: PosteDto })
  @ApiErrors(404)
  create(@User() user: CurrentUser, @Req() request: Request, @Param() params: PvdIdParam, @Body() input: PosteInput): Promise<PosteDto> {
    return this.postes.create(user, actorOf(request), params.id, input);
  }

  @Get('postes/alertes')
  @RequirePermission('pvd:lire')
  @ApiOperation({ summary: 'Postes à suivre : vacance de plus de 3 mois, demande annuelle manquante, cofinancement qui s’achève' })
  @ApiOkResponse({ type: PosteAlertesPageDto })
  alertes(@User() user: CurrentUser, @Query() query: PosteAlertesQuery): Promise<PosteAlertesPageDto> {
    return this.postes.alertes(user, query);
  }

  @Get('postes/:id')
  @RequirePermission('pvd:lire')
  @ApiOperation({ summary: 'Un poste : titulaires, coûts, cofinanceurs, cofinancement calculé par année, demandes, alertes' })
  @ApiOkResponse({ type: PosteDto })
  @ApiErrors(404)
  get(@User() user: CurrentUser, @Param() params: PosteIdParam): Promise<PosteDto> {
    return this.postes.get(user, params.id);
  }

  @Get('postes/:id/subvention')
  @RequirePermission('pvd:lire')
  @ApiOperation({
    summary: 'Le cofinancement calculé du poste, par année, tel qu’il ressortait des décisions prises au jour `auDate` (aujourd’hui par défaut)',
  })
  @ApiOkResponse({ type: PosteSubventionDto })
  @ApiErrors(404)
  subvention(@User() user: CurrentUser, @Param() params: PosteIdParam, @Query() query: PosteSubventionQuery): Promise<PosteSubventionDto> {
    return this.postes.subvention(user, params.id, query.auDate);
  }

  @Put('postes/:id')
  @RequirePermission('pvd:modifier')
  @ApiOperation({ summary: 'Modifie un poste (tout le poste, avec la version lue)' })
  @ApiOkResponse({ type: PosteDto })
  @ApiErrors(404, 409)
  update(@User() user: CurrentUser, @Req() request: Request, @Param() params: PosteIdParam, @Body() input: UpdatePosteInput): Promise<PosteDto> {
    return this.postes.update(user, actorOf(request), params.id, input);
  }

  @Put('postes/:id/demandes/:annee')
  @RequirePermission('pvd:modifier')
  @ApiOperation({ summary: 'Dépose ou corrige la demande de cofinancement d’une année (version 0 pour la déposer)' })
  @ApiOkResponse({ type: PosteDto })
  @ApiErrors(404, 409)
  saveDemande(@User() user: CurrentUser, @Req() request: Request, @Param() params: DemandeParams, @Body() input: DemandeInput): Promise<PosteDto> {
    return this.postes.saveDemande(user, actorOf(request), params.id, params.annee, input);
  }

  @Put('postes/:id/demandes/:annee/instruction')
  @RequirePermission('subvention:instruire')
  @ApiOperation({ summary: 'Enregistre la décision (montant accordé) et les versements d’une demande' })
  @ApiOkResponse({ type: PosteDto })
  @ApiErrors(404, 409)
  instruct(@User() user: CurrentUser, @Req() request: Request, @Param() params: DemandeParams, @Body() input: InstructionInput): Promise<PosteDto> {
    return this.postes.instruct(user, actorOf(request), params.id, params.annee, input);
  }
}

/** Expertise missions and their deliverables; the funders' list. */
@ApiTags('missions')
@ApiErrors(400, 401, 403)
@Controller()
export class MissionsController {
  constructor(
    private readonly missions: MissionsService,
    private readonly financeurs: FinanceursService,
    private readonly documents: DocumentsService,
  ) {}

  @Get('missions')
  @RequirePermission('mission:lire')
  @ApiOperation({ summary: 'Missions d’expertise : celles des PVD de son territoire et celles que son organisation finance' })
  @ApiOkResponse({ type: MissionsPageDto })
  list(@User() user: CurrentUser, @Query() query: MissionsQuery): Promise<MissionsPageDto> {
    return this.missions.list(user, query);
  }

  @Get('missions/pvd-choix')
  @RequirePermission('mission:saisir')
  @ApiOperation({ summary: 'PVD auxquelles rattacher une mission, par nom ou code INSEE' })
  @ApiOkResponse({ type: [PvdChoixDto] })
  pvdChoix(@User() user: CurrentUser, @Query() query: PvdChoixQuery): Promise<PvdChoixDto[]> {
    return this.missions.pvdChoix(user, query.q);
  }

  @Post('missions')
  @RequirePermission('mission:saisir')
  @ApiOperation({ summary: 'Enregistre une mission (pour sa PVD, ou financée par son organisation)' })
  @ApiCreatedResponse({ type: MissionDto })
  @ApiErrors(404, 409)
  create(@User() user: CurrentUser, @Req() request: Request, @Body() input: CreateMissionInput): Promise<MissionDto> {
    return this.missions.create(user, actorOf(request), input);
  }

  @Get('missions/:id')
  @RequirePermission('mission:lire')
  @ApiOperation({ summary: 'Une mission avec ses livrables' })
  @ApiOkResponse({ type: MissionDto })
  @ApiErrors(404)
  get(@User() user: CurrentUser, @Param() params: MissionIdParam): Promise<MissionDto> {
    return this.missions.get(user, params.id);
  }

  @Put('missions/:id')
  @RequirePermission('mission:saisir')
  @ApiOperation({ summary: 'Modifie une mission (avec la version lue)' })
  @ApiOkResponse({ type: MissionDto })
  @ApiErrors(404, 409)
  update(@User() user: CurrentUser, @Req() request: Request, @Param() params: MissionIdParam, @Body() input: UpdateMissionInput): Promise<MissionDto> {
    return this.missions.update(user, actorOf(request), params.id, input);
  }

  @Post('missions/:id/livrables')
  @RequirePermission('mission:saisir')
  @FileUpload('Un livrable PDF ou bureautique, reconnu par son contenu', { properties: { titre: { type: 'string', description: 'Titre (par défaut : le nom du fichier)' } } })
  @ApiOperation({ summary: 'Ajoute un livrable à une mission' })
  @ApiCreatedResponse({ type: DocumentDto })
  @ApiErrors(404, 413, 415)
  addLivrable(
    @User() user: CurrentUser,
    @Req() request: Request,
    @Param() params: MissionIdParam,
    @Body() input: AddLivrableInput,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<DocumentDto> {
    return this.documents.addToMission(user, actorOf(request), params.id, file, input.titre);
  }

  @Get('financeurs')
  @RequirePermission('mission:lire')
  @ApiOperation({ summary: 'Liste des financeurs (gérée par l’ANCT)' })
  @ApiOkResponse({ type: FinanceursDto })
  listFinanceurs(@User() user: CurrentUser): Promise<FinanceursDto> {
    return this.financeurs.list(user);
  }

  @Post('financeurs')
  @RequirePermission('programme:parametrer')
  @ApiOperation({ summary: 'Ajoute un financeur à la liste' })
  @ApiCreatedResponse({ type: FinanceursDto })
  createFinanceur(@User() user: CurrentUser, @Req() request: Request, @Body() input: FinanceurInput): Promise<FinanceursDto> {
    return this.financeurs.create(user, actorOf(request), input);
  }

  @Patch('financeurs/:id')
  @RequirePermission('programme:parametrer')
  @ApiOperation({ summary: 'Renomme, désactive ou rattache un financeur à une organisation partenaire' })
  @ApiOkResponse({ type: FinanceursDto })
  @ApiErrors(404, 409)
  updateFinanceur(@User() user: CurrentUser, @Req() request: Request, @Param() params: FinanceurIdParam, @Body() input: UpdateFinanceurInput): Promise<FinanceursDto> {
    return this.financeurs.update(user, actorOf(request), params.id, input);
  }
}

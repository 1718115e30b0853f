import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res, UploadedFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CONVENTION_STATE_LABELS, CONVENTION_TYPE_LABELS, WORK_LIST_MOTIF_LABELS, type ConventionAction } from '@suivi-pvd/domain';
import type { Request, Response } from 'express';
import { RequirePermission } from '../core/auth/access.decorators';
import { actorOf } from '../core/auth/actor';
import { CurrentUser, User } from '../core/auth/current-user';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { FileUpload } from '../core/files/upload';
import { PvdIdParam } from '../pvd/dto/pvd.dto';
import { ConventionsService } from './conventions.service';
import {
  ConventionDto,
  ConventionIdParam,
  CreateConventionInput,
  SignatureInput,
  TransitionInput,
  UpdateConventionInput,
  WorkListItemDto,
  WorkListPageDto,
  WorkListQuery,
} from './dto/convention.dto';
import { WorkListService } from './work-list.service';
import { ApiExport, Exportable, pagesOf, sendExport, type ExportColumn } from '../core/export';

/**
 * Conventions of a PVD and their workflow. Each step has its own route, whose permission says
 * who may take it; the domain's state machine then decides on the convention's state and the
 * caller's roles over its PVD.
 */
/** The columns of the work list's export. */
const WORK_LIST_COLUMNS: ExportColumn<WorkListItemDto>[] = [
  { header: 'Motifs', kind: 'texte', width: 36, value: (w) => w.motifs.map((m) => WORK_LIST_MOTIF_LABELS[m]).join(', ') },
  { header: 'PVD', kind: 'texte', width: 32, value: (w) => w.pvdNom },
  { header: 'Département', kind: 'texte', width: 10, value: (w) => w.departementCode },
  { header: 'Type', kind: 'texte', width: 24, value: (w) => CONVENTION_TYPE_LABELS[w.type] },
  { header: 'Titre', kind: 'texte', width: 36, value: (w) => w.titre },
  { header: 'État', kind: 'texte', width: 18, value: (w) => (w.etat ? CONVENTION_STATE_LABELS[w.etat] : null) },
  { header: 'Depuis le', kind: 'date', value: (w) => w.depuis },
  { header: 'Date limite', kind: 'date', value: (w) => w.dateLimite },
  { header: 'Jours', kind: 'nombre', width: 8, value: (w) => w.jours },
];

class ExportWorkListQuery extends Exportable(WorkListQuery) {}

@ApiTags('conventions')
@ApiErrors(400, 401, 403)
@Controller()
export class ConventionsController {
  constructor(
    private readonly conventions: ConventionsService,
    private readonly workList: WorkListService,
  ) {}

  // Declared before conventions/:id so that "a-traiter" is not taken for an id.
  @Get('conventions/a-traiter')
  @RequirePermission('convention:suivre')
  @ApiOperation({
    summary: 'Liste de travail de la préfecture : conventions à instruire et retards',
    description: 'En lecture pour le SGAR (sa région) et l’ANCT (national) : retards et conventions en attente de la préfecture.',
  })
  @ApiOkResponse({ type: WorkListPageDto })
  workListOf(@User() user: CurrentUser, @Query() query: WorkListQuery): Promise<WorkListPageDto> {
    return this.workList.list(user, query);
  }

  @Get('conventions/a-traiter/export')
  @RequirePermission('convention:suivre')
  @ApiExport('La liste de travail de la préfecture')
  async exportWorkList(@User() user: CurrentUser, @Query() query: ExportWorkListQuery, @Res() response: Response): Promise<void> {
    await sendExport(response, query.format, {
      name: 'liste-de-travail',
      sheet: 'Liste de travail',
      columns: WORK_LIST_COLUMNS,
      batches: pagesOf((page, pageSize) => this.workList.list(user, { ...query, page, pageSize })),
    });
  }

  @Post('pvd/:id/conventions')
  @RequirePermission('pvd:modifier')
  @ApiOperation({ summary: "Crée une convention en brouillon (adhésion, convention-cadre, avenant à la convention-cadre signée)" })
  @ApiCreatedResponse({ type: ConventionDto })
  @ApiErrors(404, 409)
  create(@User() user: CurrentUser, @Req() request: Request, @Param() params: PvdIdParam, @Body() input: CreateConventionInput): Promise<ConventionDto> {
    return this.conventions.create(user, actorOf(request), params.id, input);
  }

  @Get('conventions/:id')
  @RequirePermission('pvd:lire')
  @ApiOkResponse({ type: ConventionDto })
  @ApiErrors(404)
  get(@User() user: CurrentUser, @Param() params: ConventionIdParam): Promise<ConventionDto> {
    return this.conventions.get(user, params.id);
  }

  @Patch('conventions/:id')
  @RequirePermission('pvd:modifier')
  @ApiOperation({ summary: 'Enregistre le contenu (brouillon ou à compléter) ; version périmée : 409' })
  @ApiOkResponse({ type: ConventionDto })
  @ApiErrors(404, 409)
  update(@User() user: CurrentUser, @Req() request: Request, @Param() params: ConventionIdParam, @Body() input: UpdateConventionInput): Promise<ConventionDto> {
    return this.conventions.update(user, actorOf(request), params.id, input);
  }

  @Post('conventions/:id/depot')
  @HttpCode(200)
  @RequirePermission('pvd:modifier')
  @ApiOperation({ summary: 'Le chef de projet dépose la convention (brouillon ou à compléter → déposée) ; incomplète : 400 CONVENTION_INCOMPLETE' })
  @ApiOkResponse({ type: ConventionDto })
  @ApiErrors(400, 404, 409)
  deposer(@User() user: CurrentUser, @Req() request: Request, @Param() params: ConventionIdParam, @Body() input: TransitionInput): Promise<ConventionDto> {
    return this.step(user, request, params.id, 'deposer', input);
  }

  @Post('conventions/:id/retrait')
  @HttpCode(200)
  @RequirePermission('pvd:modifier')
  @ApiOperation({ summary: 'Le chef de projet retire son dépôt (déposée → brouillon)' })
  @ApiOkResponse({ type: ConventionDto })
  @ApiErrors(404, 409)
  retirer(@User() user: CurrentUser, @Req() request: Request, @Param() params: ConventionIdParam, @Body() input: TransitionInput): Promise<ConventionDto> {
    return this.step(user, request, params.id, 'retirer', input);
  }

  @Post('conventions/:id/instruction')
  @HttpCode(200)
  @RequirePermission('convention:valider')
  @ApiOperation({ summary: 'La préfecture prend la convention en instruction (déposée → en instruction)' })
  @ApiOkResponse({ type: ConventionDto })
  @ApiErrors(404, 409)
  instruire(@User() user: CurrentUser, @Req() request: Request, @Param() params: ConventionIdParam, @Body() input: TransitionInput): Promise<ConventionDto> {
    return this.step(user, request, params.id, 'instruire', input);
  }

  @Post('conventions/:id/demande-complements')
  @HttpCode(200)
  @RequirePermission('convention:valider')
  @ApiOperation({ summary: 'La préfecture demande des compléments, avec un message (en instruction → à compléter)' })
  @ApiOkResponse({ type: ConventionDto })
  @ApiErrors(404, 409)
  demanderComplements(@User() user: CurrentUser, @Req() request: Request, @Param() params: ConventionIdParam, @Body() input: TransitionInput): Promise<ConventionDto> {
    return this.step(user, request, params.id, 'demander_complements', input);
  }

  @Post('conventions/:id/validation')
  @HttpCode(200)
  @RequirePermission('convention:valider')
  @ApiOperation({ summary: 'La préfecture valide la convention (en instruction → validée)' })
  @ApiOkResponse({ type: ConventionDto })
  @ApiErrors(404, 409)
  valider(@User() user: CurrentUser, @Req() request: Request, @Param() params: ConventionIdParam, @Body() input: TransitionInput): Promise<ConventionDto> {
    return this.step(user, request, params.id, 'valider', input);
  }

  @Post('conventions/:id/reouverture')
  @HttpCode(200)
  @RequirePermission('convention:valider')
  @ApiOperation({
    summary: "La préfecture rouvre l'instruction d'une convention validée par erreur, avec un motif obligatoire (validée → en instruction)",
    description: 'Le motif est gardé dans le suivi de la convention et dans l’historique. Une convention signée ne se rouvre pas (409) : elle se corrige par un avenant.',
  })
  @ApiOkResponse({ type: ConventionDto })
  @ApiErrors(404, 409)
  rouvrir(@User() user: CurrentUser, @Req() request: Request, @Param() params: ConventionIdParam, @Body() input: TransitionInput): Promise<ConventionDto> {
    return this.step(user, request, params.id, 'rouvrir', input);
  }

  @Post('conventions/:id/signature')
  @HttpCode(200)
  @RequirePermission('convention:valider')
  @FileUpload('La convention signée (PDF), sa date de signature et la version lue', {
    required: ['version', 'dateSignature'],
    properties: {
      version: { type: 'integer', description: 'Version lue' },
      dateSignature: { type: 'string', format: 'date' },
      commentaire: { type: 'string' },
    },
  })
  @ApiOperation({ summary: 'La préfecture enregistre la signature (validée → signée)' })
  @ApiOkResponse({ type: ConventionDto })
  @ApiErrors(404, 409, 413)
  signer(
    @User() user: CurrentUser,
    @Req() request: Request,
    @Param() params: ConventionIdParam,
    @Body() input: SignatureInput,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<ConventionDto> {
    return this.conventions.sign(user, actorOf(request), params.id, input, file);
  }

  private step(user: CurrentUser, request: Request, id: string, action: Exclude<ConventionAction, 'signer'>, input: TransitionInput): Promise<ConventionDto> {
    return this.conventions.transition(user, actorOf(request), id, action, input);
  }
}

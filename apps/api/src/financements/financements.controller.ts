import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RequirePermission } from '../core/auth/access.decorators';
import { actorOf } from '../core/auth/actor';
import { CurrentUser, User } from '../core/auth/current-user';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { DispositifsService } from './dispositifs.service';
import {
  BeneficiaireDto,
  BeneficiairesQuery,
  DispositifIdParam,
  DispositifInput,
  DispositifsDto,
  ExportQuery,
  LigneDto,
  LigneFields,
  LigneIdParam,
  LignesPageDto,
  LignesQuery,
  UpdateDispositifInput,
  UpdateLigneInput,
  VersionQuery,
} from './dto/financements.dto';
import { FinancementsExportService } from './financements-export.service';
import { LignesService } from './lignes.service';

/**
 * The dispositifs catalogue and the financing lines. Writing a line is guarded by
 * `financement:lire` and decided on the stored record (`ligneFinancementRights`): a chef de projet
 * (`pvd:modifier`) over the beneficiary, or the partner owning the dispositif (`financement:saisir`).
 */
@ApiTags('financements')
@ApiErrors(400, 401, 403)
@Controller('financements')
export class FinancementsController {
  constructor(
    private readonly dispositifs: DispositifsService,
    private readonly lignes: LignesService,
    private readonly exports: FinancementsExportService,
  ) {}

  @Get('dispositifs')
  @RequirePermission('financement:lire')
  @ApiOperation({ summary: 'Le catalogue des dispositifs de financement (géré par l’ANCT)' })
  @ApiOkResponse({ type: DispositifsDto })
  listDispositifs(@User() user: CurrentUser): Promise<DispositifsDto> {
    return this.dispositifs.list(user);
  }

  @Post('dispositifs')
  @RequirePermission('programme:parametrer')
  @ApiOperation({ summary: 'Ajoute un dispositif au catalogue' })
  @ApiCreatedResponse({ type: DispositifsDto })
  @ApiErrors(409)
  createDispositif(@User() user: CurrentUser, @Req() request: Request, @Body() input: DispositifInput): Promise<DispositifsDto> {
    return this.dispositifs.create(user, actorOf(request), input);
  }

  @Put('dispositifs/:id')
  @RequirePermission('programme:parametrer')
  @ApiOperation({ summary: 'Modifie un dispositif du catalogue (avec la version lue)' })
  @ApiOkResponse({ type: DispositifsDto })
  @ApiErrors(404, 409)
  updateDispositif(@User() user: CurrentUser, @Req() request: Request, @Param() params: DispositifIdParam, @Body() input: UpdateDispositifInput): Promise<DispositifsDto> {
    return this.dispositifs.update(user, actorOf(request), params.id, input);
  }

  @Get('lignes')
  @RequirePermission('financement:lire')
  @ApiOperation({ summary: 'Lignes de financement : celles des bénéficiaires de son territoire et celles des dispositifs de son organisation, avec les totaux' })
  @ApiOkResponse({ type: LignesPageDto })
  list(@User() user: CurrentUser, @Query() query: LignesQuery): Promise<LignesPageDto> {
    return this.lignes.list(user, query);
  }

  @Get('lignes/export')
  @RequirePermission('financement:lire')
  @ApiOperation({ summary: 'La liste filtrée en fichier : CSV (UTF-8, « ; », montants en euros à virgule) ou XLSX' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'Le fichier', schema: { type: 'string', format: 'binary' } })
  async export(@User() user: CurrentUser, @Query() query: ExportQuery, @Res() response: Response): Promise<void> {
    try {
      await this.exports.export(user, query, response);
    } catch (error) {
      // Once the file has started, the status is sent: cut the download so it is not taken for whole.
      if (response.headersSent) response.destroy(error as Error);
      else throw error;
    }
  }

  @Get('beneficiaires')
  @RequirePermission('financement:lire')
  @ApiOperation({ summary: 'Communes et EPCI pour lesquels saisir une ligne, par nom ou code' })
  @ApiOkResponse({ type: [BeneficiaireDto] })
  beneficiaires(@User() user: CurrentUser, @Query() query: BeneficiairesQuery): Promise<BeneficiaireDto[]> {
    return this.lignes.beneficiaires(user, query.q, query.pvdId);
  }

  @Post('lignes')
  @RequirePermission('financement:lire')
  @ApiOperation({ summary: 'Enregistre une ligne de financement (chef de projet pour son territoire, partenaire pour ses dispositifs)' })
  @ApiCreatedResponse({ type: LigneDto })
  @ApiErrors(404, 409)
  create(@User() user: CurrentUser, @Req() request: Request, @Body() input: LigneFields): Promise<LigneDto> {
    return this.lignes.create(user, actorOf(request), input);
  }

  @Get('lignes/:id')
  @RequirePermission('financement:lire')
  @ApiOperation({ summary: 'Une ligne de financement' })
  @ApiOkResponse({ type: LigneDto })
  @ApiErrors(404)
  get(@User() user: CurrentUser, @Param() params: LigneIdParam): Promise<LigneDto> {
    return this.lignes.get(user, params.id);
  }

  @Put('lignes/:id')
  @RequirePermission('financement:lire')
  @ApiOperation({ summary: 'Modifie une ligne de financement (avec la version lue)' })
  @ApiOkResponse({ type: LigneDto })
  @ApiErrors(404, 409)
  update(@User() user: CurrentUser, @Req() request: Request, @Param() params: LigneIdParam, @Body() input: UpdateLigneInput): Promise<LigneDto> {
    return this.lignes.update(user, actorOf(request), params.id, input);
  }

  @Delete('lignes/:id')
  @RequirePermission('financement:lire')
  @HttpCode(204)
  @ApiOperation({ summary: 'Supprime une ligne de financement saisie par erreur (avec la version lue)' })
  @ApiNoContentResponse()
  @ApiErrors(404, 409)
  async remove(@User() user: CurrentUser, @Req() request: Request, @Param() params: LigneIdParam, @Query() query: VersionQuery): Promise<void> {
    await this.lignes.remove(user, actorOf(request), params.id, query.version);
  }
}

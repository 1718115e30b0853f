import { Body, Controller, Get, HttpCode, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RequirePermission } from '../core/auth/access.decorators';
import { actorOf } from '../core/auth/actor';
import { CurrentUser, User } from '../core/auth/current-user';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { CreateRapportDto, RapportDto, RapportIdParam, RapportListDto } from './dto/rapports.dto';
import { RapportsService } from './rapports.service';

/**
 * The Point d'avancement as PDF: the ANCT asks for it (a background job renders the report page in
 * headless Chromium) and publishes it; those who read its scope download it once published.
 */
@ApiTags('rapports')
@ApiErrors(400, 401, 403)
@Controller('rapports')
export class RapportsController {
  constructor(private readonly rapports: RapportsService) {}

  @Post()
  @HttpCode(202)
  @RequirePermission('rapport:publier')
  @ApiOperation({ summary: 'Demande le Point d’avancement en PDF pour une zone et un jour ; généré en arrière-plan (suivre GET /rapports/:id)' })
  @ApiAcceptedResponse({ type: RapportDto })
  @ApiErrors(404)
  create(@User() user: CurrentUser, @Req() request: Request, @Body() body: CreateRapportDto): Promise<RapportDto> {
    return this.rapports.create(user, actorOf(request), body);
  }

  @Get()
  @RequirePermission('indicateurs:lire')
  @ApiOperation({ summary: 'Les rapports des zones que je lis, les plus récents d’abord (50 au plus) ; publiés seulement, sauf pour l’ANCT' })
  @ApiOkResponse({ type: RapportListDto })
  async list(@User() user: CurrentUser): Promise<RapportListDto> {
    return { items: await this.rapports.list(user) };
  }

  @Get(':id')
  @RequirePermission('indicateurs:lire')
  @ApiOperation({ summary: 'Un rapport : statut et avancement de sa génération' })
  @ApiOkResponse({ type: RapportDto })
  @ApiErrors(404)
  get(@User() user: CurrentUser, @Param() params: RapportIdParam): Promise<RapportDto> {
    return this.rapports.get(user, params.id);
  }

  @Get(':id/pdf')
  @RequirePermission('indicateurs:lire')
  @ApiOperation({ summary: 'Le PDF d’un rapport prêt' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'Le PDF', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(404, 409)
  async pdf(@User() user: CurrentUser, @Param() params: RapportIdParam, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const { contenu, nomFichier } = await this.rapports.pdf(user, params.id);
    response.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(contenu, { type: 'application/pdf', length: contenu.length, disposition: `attachment; filename="${nomFichier}"` });
  }

  @Post(':id/publication')
  @HttpCode(200)
  @RequirePermission('rapport:publier')
  @ApiOperation({ summary: 'Publie un rapport prêt : conservé tel quel, visible de tous ceux qui lisent sa zone' })
  @ApiOkResponse({ type: RapportDto })
  @ApiErrors(404, 409)
  publier(@User() user: CurrentUser, @Req() request: Request, @Param() params: RapportIdParam): Promise<RapportDto> {
    return this.rapports.publier(user, actorOf(request), params.id);
  }
}

import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { INDICATEURS } from '@suivi-pvd/domain';
import type { Response } from 'express';
import { RequirePermission } from '../core/auth/access.decorators';
import { CurrentUser, User } from '../core/auth/current-user';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import {
  CatalogueDto,
  DetailExportQuery,
  DetailPageDto,
  DetailPageQuery,
  IndicateurIdParam,
  IndicateurQuery,
  ResultatIndicateurDto,
  TableauDto,
  TableauQuery,
  ZonesDto,
} from './dto/indicateurs.dto';
import { IndicateursService } from './indicateurs.service';

/**
 * The figures of the national « Point d'avancement », computed live for a scope and a day. Every
 * route checks the scope against the caller's memberships (403 outside), whatever the parameters.
 */
@ApiTags('indicateurs')
@ApiErrors(400, 401, 403, 404)
@Controller('indicateurs')
export class IndicateursController {
  constructor(private readonly indicateurs: IndicateursService) {}

  @Get()
  @RequirePermission('indicateurs:lire')
  @ApiOperation({ summary: 'Le catalogue des indicateurs (définitions, unités, ventilations, représentations)' })
  @ApiOkResponse({ type: CatalogueDto })
  catalogue(): CatalogueDto {
    return { items: INDICATEURS.map((i) => ({ ...i, ventilations: [...i.ventilations], sources: [...i.sources], representations: i.representations.map((r) => ({ ...r, seuils: 'seuils' in r ? [...r.seuils] : undefined })) })) };
  }

  @Get('zones')
  @RequirePermission('indicateurs:lire')
  @ApiOperation({ summary: 'Les régions et départements dont l’utilisateur lit les indicateurs (le sélecteur de zone des tableaux de bord)' })
  @ApiOkResponse({ type: ZonesDto })
  zones(@User() user: CurrentUser): Promise<ZonesDto> {
    return this.indicateurs.zones(user);
  }

  @Get('tableau')
  @RequirePermission('indicateurs:lire')
  @ApiOperation({ summary: 'Une section du tableau de bord (programme, ingénierie, appui thématique, Club) en un appel' })
  @ApiOkResponse({ type: TableauDto })
  tableau(@User() user: CurrentUser, @Query() q: TableauQuery): Promise<TableauDto> {
    return this.indicateurs.tableau(user, q.section, q.portee, q.code, q.date, q.comparaison);
  }

  @Get(':id')
  @RequirePermission('indicateurs:lire')
  @ApiOperation({ summary: 'Un indicateur pour une zone et un jour, avec ses ventilations' })
  @ApiOkResponse({ type: ResultatIndicateurDto })
  one(@User() user: CurrentUser, @Param() p: IndicateurIdParam, @Query() q: IndicateurQuery): Promise<ResultatIndicateurDto> {
    return this.indicateurs.one(user, p.id, q.portee, q.code, q.date, q.ventilation ?? []);
  }

  @Get(':id/detail')
  @RequirePermission('indicateurs:lire')
  @ApiOperation({ summary: 'Les communes ou enregistrements derrière un chiffre (même zone, même jour), par page' })
  @ApiOkResponse({ type: DetailPageDto })
  detail(@User() user: CurrentUser, @Param() p: IndicateurIdParam, @Query() q: DetailPageQuery): Promise<DetailPageDto> {
    return this.indicateurs.detail(user, p.id, q);
  }

  @Get(':id/detail/export')
  @RequirePermission('indicateurs:lire')
  @ApiOperation({ summary: 'La liste derrière un chiffre, en CSV (UTF-8, « ; ») ou XLSX' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'Le fichier' })
  async export(@User() user: CurrentUser, @Param() p: IndicateurIdParam, @Query() q: DetailExportQuery, @Res() response: Response): Promise<void> {
    await this.indicateurs.export(user, p.id, q, response);
  }
}

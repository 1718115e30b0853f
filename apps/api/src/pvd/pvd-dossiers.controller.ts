import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { actorOf } from '../core/auth/actor';
import { RequirePermission } from '../core/auth/access.decorators';
import { CurrentUser, User } from '../core/auth/current-user';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { ApiExport, Exportable, pagesOf, sendExport, type ExportColumn } from '../core/export';
import { ListPvdQuery, MembershipPeriodDto, PvdCommuneParam, PvdIdParam, PvdPageDto, PvdSummaryDto, WithdrawCommuneDto } from './dto/pvd.dto';
import { PvdMembershipService } from './membership.service';
import { ListPvdService } from './list-pvd.service';

/** The columns of the PVD list's export. */
const PVD_COLUMNS: ExportColumn<PvdSummaryDto>[] = [
  { header: 'Identifiant PVD', kind: 'texte', width: 14, value: (p) => p.idPvd },
  { header: 'Nom', kind: 'texte', width: 36, value: (p) => p.nom },
  { header: 'Communes (code INSEE)', kind: 'texte', width: 24, value: (p) => p.communes.map((c) => c.insee).join(', ') },
  { header: 'Départements', kind: 'texte', width: 12, value: (p) => [...new Set(p.communes.map((c) => c.departementCode))].join(', ') },
  { header: 'SIREN de l’EPCI', kind: 'texte', width: 12, value: (p) => p.epciSiren },
  { header: 'EPCI', kind: 'texte', width: 36, value: (p) => p.epciNom },
  { header: 'Date de sélection', kind: 'date', value: (p) => p.dateSelection },
  { header: 'Date de la convention d’adhésion', kind: 'date', value: (p) => p.dateConventionAdhesion },
  { header: 'Identifiant provisoire', kind: 'booleen', value: (p) => p.provisoire },
  { header: 'Date de retrait', kind: 'date', value: (p) => p.dateRetrait },
];

class ExportPvdQuery extends Exportable(ListPvdQuery) {}

@ApiTags('pvd')
@ApiErrors(400, 401, 403)
@Controller('pvd')
export class PvdDossiersController {
  constructor(
    private readonly pvds: ListPvdService,
    private readonly membership: PvdMembershipService,
  ) {}

  @Get()
  @RequirePermission('pvd:resume')
  @ApiOperation({ summary: 'Les PVD de son territoire ; pour un partenaire, celles où son organisation finance une mission, une ligne ou une opération' })
  @ApiOkResponse({ type: PvdPageDto })
  list(@User() user: CurrentUser, @Query() query: ListPvdQuery): Promise<PvdPageDto> {
    return this.pvds.list(user, { departement: query.departement, q: query.q, tri: query.tri, page: query.page ?? 1, pageSize: query.pageSize ?? 50 });
  }

  // Declared before :id so that "export" is not taken for an id.
  @Get('export')
  @RequirePermission('pvd:resume')
  @ApiExport('Les PVD de son territoire')
  async export(@User() user: CurrentUser, @Query() query: ExportPvdQuery, @Res() response: Response): Promise<void> {
    const filters = { departement: query.departement, q: query.q, tri: query.tri };
    await sendExport(response, query.format, {
      name: 'pvd',
      sheet: 'PVD',
      columns: PVD_COLUMNS,
      batches: pagesOf((page, pageSize) => this.pvds.list(user, { ...filters, page, pageSize })),
    });
  }

  @Get(':id')
  @RequirePermission('pvd:resume')
  @ApiOkResponse({ type: PvdSummaryDto })
  @ApiErrors(404)
  get(@User() user: CurrentUser, @Param() params: PvdIdParam): Promise<PvdSummaryDto> {
    return this.pvds.get(user, params.id, 'resume');
  }

  @Get(':id/adhesions')
  @RequirePermission('pvd:lire')
  @ApiOperation({ summary: 'Historique des adhésions : qui est entré quand, sorti quand, pourquoi' })
  @ApiOkResponse({ type: [MembershipPeriodDto] })
  @ApiErrors(404)
  history(@User() user: CurrentUser, @Param() params: PvdIdParam): Promise<MembershipPeriodDto[]> {
    return this.membership.history(user, params.id);
  }

  @Post(':id/communes/:insee/retrait')
  @HttpCode(200)
  @RequirePermission('pvd:importer')
  @ApiOperation({ summary: 'Retire une commune du programme à une date (ANCT), avec son motif' })
  @ApiOkResponse({ type: [MembershipPeriodDto] })
  @ApiErrors(404, 409)
  withdraw(@User() user: CurrentUser, @Param() params: PvdCommuneParam, @Body() body: WithdrawCommuneDto, @Req() request: Request): Promise<MembershipPeriodDto[]> {
    return this.membership.withdraw(user, actorOf(request), params.id, params.insee, body);
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { actorOf } from '../core/auth/actor';
import { RequirePermission } from '../core/auth/access.decorators';
import { CurrentUser, User } from '../core/auth/current-user';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { ApiExport, Exportable, pagesOf, sendExport, type ExportColumn } from '../core/export';
import { PVD_CONVENTION_STATUT_LABELS, PVD_ORT_STATUT_LABELS, PVD_RETARD_MOTIF_LABELS, type PvdConventionStatut } from '@suivi-pvd/domain';
import { AiresDto } from '../referentiel/dto/aires.dto';
import { ListPvdQuery, MembershipPeriodDto, PvdCommuneParam, PvdIdParam, PvdListItemDto, PvdPageDto, PvdSummaryDto, WithdrawCommuneDto } from './dto/pvd.dto';
import { PvdMembershipService } from './membership.service';
import { ListPvdService, type PvdFilters } from './list-pvd.service';

const conventionEtat = (etat: PvdConventionStatut) => PVD_CONVENTION_STATUT_LABELS[etat];

/** The columns of the PVD list's export: the list's, in French, then the identifiers. */
const PVD_COLUMNS: ExportColumn<PvdListItemDto>[] = [
  { header: 'Identifiant PVD', kind: 'texte', width: 14, value: (p) => p.idPvd },
  { header: 'Nom', kind: 'texte', width: 36, value: (p) => p.nom },
  { header: 'Communes (code INSEE)', kind: 'texte', width: 24, value: (p) => p.communes.map((c) => c.insee).join(', ') },
  { header: 'Départements', kind: 'texte', width: 12, value: (p) => [...new Set(p.communes.map((c) => c.departementCode))].join(', ') },
  { header: 'Département', kind: 'texte', width: 24, value: (p) => p.departementNom },
  { header: 'Région', kind: 'texte', width: 28, value: (p) => p.regionNom },
  { header: 'SIREN de l’EPCI', kind: 'texte', width: 12, value: (p) => p.epciSiren },
  { header: 'EPCI', kind: 'texte', width: 36, value: (p) => p.epciNom },
  { header: 'Date de sélection', kind: 'date', value: (p) => p.dateSelection },
  { header: 'Convention d’adhésion', kind: 'texte', width: 16, value: (p) => conventionEtat(p.adhesion.etat) },
  { header: 'Date de la convention d’adhésion', kind: 'date', value: (p) => p.adhesion.dateSignature },
  { header: 'Convention-cadre', kind: 'texte', width: 16, value: (p) => conventionEtat(p.cadre.etat) },
  { header: 'Convention-cadre : dans cet état depuis le', kind: 'date', value: (p) => p.cadre.depuis },
  { header: 'Date de signature de la convention-cadre', kind: 'date', value: (p) => p.cadre.dateSignature },
  { header: 'Échéance de la convention-cadre', kind: 'date', value: (p) => p.cadre.dateLimite },
  { header: 'Jours de retard', kind: 'nombre', value: (p) => p.cadre.joursDeRetard },
  { header: 'En retard', kind: 'texte', width: 40, value: (p) => p.retards.map((m) => PVD_RETARD_MOTIF_LABELS[m]).join(' / ') },
  { header: 'ORT', kind: 'texte', width: 16, value: (p) => PVD_ORT_STATUT_LABELS[p.ort] },
  { header: 'Postes de chef de projet', kind: 'nombre', value: (p) => p.postes.total },
  { header: 'Postes vacants', kind: 'nombre', value: (p) => p.postes.vacants },
  { header: 'Postes cofinancés', kind: 'nombre', value: (p) => p.postes.cofinances },
  { header: 'Dernière mise à jour', kind: 'horodatage', width: 18, value: (p) => p.miseAJour },
  { header: 'Identifiant provisoire', kind: 'booleen', value: (p) => p.provisoire },
  { header: 'Date de retrait', kind: 'date', value: (p) => p.dateRetrait },
];

class ExportPvdQuery extends Exportable(ListPvdQuery) {}

/** The list's filters and order, as the query gives them (page aside). */
function filtersOf(query: ListPvdQuery): PvdFilters {
  const { departement, region, q, adhesion, cadre, ort, poste, enRetard, tri } = query;
  return { departement, region, q, adhesion, cadre, ort, poste, enRetard, tri };
}

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
  @ApiOperation({ summary: 'Les PVD de son territoire (pour un partenaire, celles où il finance une mission, une ligne ou une opération) et où en est chacune : conventions, échéance et retards, ORT, postes, dernière mise à jour' })
  @ApiOkResponse({ type: PvdPageDto })
  list(@User() user: CurrentUser, @Query() query: ListPvdQuery): Promise<PvdPageDto> {
    return this.pvds.list(user, { ...filtersOf(query), page: query.page ?? 1, pageSize: query.pageSize ?? 50 });
  }

  // Declared before :id so that "export" and "aires" are not taken for an id.
  @Get('aires')
  @RequirePermission('pvd:resume')
  @ApiOperation({ summary: 'Les régions et départements où l’on voit des PVD (choix des filtres de la liste)' })
  @ApiOkResponse({ type: AiresDto })
  aires(@User() user: CurrentUser): Promise<AiresDto> {
    return this.pvds.aires(user);
  }

  @Get('export')
  @RequirePermission('pvd:resume')
  @ApiExport('Les PVD de son territoire et où en est chacune')
  async export(@User() user: CurrentUser, @Query() query: ExportPvdQuery, @Res() response: Response): Promise<void> {
    const filters = filtersOf(query);
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

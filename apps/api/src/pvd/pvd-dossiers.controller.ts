import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { actorOf } from '../core/auth/actor';
import { RequirePermission } from '../core/auth/access.decorators';
import { CurrentUser, User } from '../core/auth/current-user';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { ListPvdQuery, MembershipPeriodDto, PvdCommuneParam, PvdIdParam, PvdPageDto, PvdSummaryDto, WithdrawCommuneDto } from './dto/pvd.dto';
import { PvdMembershipService } from './membership.service';
import { ListPvdService } from './list-pvd.service';

@ApiTags('pvd')
@ApiErrors(400, 401, 403)
@Controller('pvd')
export class PvdDossiersController {
  constructor(
    private readonly pvds: ListPvdService,
    private readonly membership: PvdMembershipService,
  ) {}

  @Get()
  @RequirePermission('pvd:lire')
  @ApiOkResponse({ type: PvdPageDto })
  list(@User() user: CurrentUser, @Query() query: ListPvdQuery): Promise<PvdPageDto> {
    return this.pvds.list(user, { departement: query.departement, page: query.page ?? 1, pageSize: query.pageSize ?? 50 });
  }

  @Get(':id')
  @RequirePermission('pvd:lire')
  @ApiOkResponse({ type: PvdSummaryDto })
  @ApiErrors(404)
  get(@User() user: CurrentUser, @Param() params: PvdIdParam): Promise<PvdSummaryDto> {
    return this.pvds.get(user, params.id);
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

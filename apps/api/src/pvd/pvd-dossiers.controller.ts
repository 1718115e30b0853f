import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../core/auth/access.decorators';
import { CurrentUser, User } from '../core/auth/current-user';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { ListPvdQuery, PvdIdParam, PvdPageDto, PvdSummaryDto } from './dto/pvd.dto';
import { ListPvdService } from './list-pvd.service';

@ApiTags('pvd')
@ApiErrors(400, 401, 403)
@Controller('pvd')
export class PvdDossiersController {
  constructor(private readonly pvds: ListPvdService) {}

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
}

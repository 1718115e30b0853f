import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { auditChangesText } from '../audit/audit-export';
import { RequirePermission } from '../core/auth/access.decorators';
import { CurrentUser, User } from '../core/auth/current-user';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { ApiExport, Exportable, keysetBatches, sendExport, type ExportColumn } from '../core/export';
import { PvdIdParam } from '../pvd/dto/pvd.dto';
import { ACTIVITE_PAGE_SIZE, ActiviteService } from './activite.service';
import { ActiviteEntryDto, ActivitePageDto, ActiviteQuery, ActiviteTerritoireQuery } from './dto/activite.dto';

/** The columns of an activity export: one line per entry, in words as on screen. */
const ACTIVITE_COLUMNS: ExportColumn<ActiviteEntryDto>[] = [
  { header: 'Date', kind: 'horodatage', width: 18, value: (e) => e.at },
  { header: 'Dossier', kind: 'texte', width: 30, value: (e) => e.dossier },
  { header: 'Département', kind: 'texte', width: 12, value: (e) => e.departementCode },
  { header: 'Type', kind: 'texte', width: 22, value: (e) => e.typeLibelle },
  { header: 'Auteur', kind: 'texte', width: 28, value: (e) => e.auteur },
  { header: 'Action', kind: 'texte', width: 28, value: (e) => e.actionLibelle },
  { header: 'Objet', kind: 'texte', width: 36, value: (e) => e.objet },
  { header: 'Modifications', kind: 'texte', width: 60, value: (e) => auditChangesText(e.changes) },
];

class ExportActiviteQuery extends Exportable(ActiviteQuery) {}
class ExportActiviteTerritoireQuery extends Exportable(ActiviteTerritoireQuery) {}

/** The territorial activity feed: the caller's département, région or the country. */
@ApiTags('activite')
@ApiErrors(400, 401, 403)
@Controller('activite')
export class ActiviteController {
  constructor(private readonly activite: ActiviteService) {}

  @Get()
  @RequirePermission('pvd:lire')
  @ApiOperation({
    summary:
      'Fil d’activité des dossiers du périmètre (département, région, national ; les siens pour un chef de projet), du plus récent au plus ancien, par curseur ; filtres : type, personne, dates',
  })
  @ApiOkResponse({ type: ActivitePageDto })
  list(@User() user: CurrentUser, @Query() query: ActiviteTerritoireQuery): Promise<ActivitePageDto> {
    return this.activite.territoire(user, query, query, query.pageSize ?? ACTIVITE_PAGE_SIZE, query.avant);
  }

  @Get('export')
  @RequirePermission('pvd:lire')
  @ApiExport('Le fil d’activité')
  async export(@User() user: CurrentUser, @Query() query: ExportActiviteTerritoireQuery, @Res() response: Response): Promise<void> {
    await sendExport(response, query.format, {
      name: 'activite',
      sheet: 'Activité',
      columns: ACTIVITE_COLUMNS,
      batches: keysetBatches<ActiviteEntryDto, string | undefined>(query.avant, (e) => e.id, async (avant, size) => (await this.activite.territoire(user, query, query, size, avant)).items),
    });
  }
}

/** One dossier's activity feed. */
@ApiTags('activite')
@ApiErrors(400, 401, 403)
@Controller('pvd/:id/activite')
export class DossierActiviteController {
  constructor(private readonly activite: ActiviteService) {}

  @Get()
  @RequirePermission('pvd:lire')
  @ApiOperation({ summary: 'Fil d’activité du dossier, du plus récent au plus ancien, par curseur ; filtres : type, personne, dates' })
  @ApiOkResponse({ type: ActivitePageDto })
  @ApiErrors(404)
  list(@User() user: CurrentUser, @Param() params: PvdIdParam, @Query() query: ActiviteQuery): Promise<ActivitePageDto> {
    return this.activite.dossier(user, params.id, query, query.pageSize ?? ACTIVITE_PAGE_SIZE, query.avant);
  }

  @Get('export')
  @RequirePermission('pvd:lire')
  @ApiExport('Le fil d’activité du dossier')
  @ApiErrors(404)
  async export(@User() user: CurrentUser, @Param() params: PvdIdParam, @Query() query: ExportActiviteQuery, @Res() response: Response): Promise<void> {
    await sendExport(response, query.format, {
      name: 'activite-dossier',
      sheet: 'Activité',
      columns: ACTIVITE_COLUMNS,
      batches: keysetBatches<ActiviteEntryDto, string | undefined>(query.avant, (e) => e.id, async (avant, size) => (await this.activite.dossier(user, params.id, query, size, avant)).items),
    });
  }
}

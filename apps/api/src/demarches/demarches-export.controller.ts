import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequirePermission } from '../core/auth/access.decorators';
import { CurrentUser, User } from '../core/auth/current-user';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { ApiExport, Exportable, pagesOf, sendExport, type ExportColumn } from '../core/export';
import { DemarchesService } from './demarches.service';
import { DemarcheIdParam, ParticipationDto, ParticipationsQuery } from './dto/demarche.dto';

const attribute = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

const PARTICIPATION_COLUMNS: ExportColumn<ParticipationDto>[] = [
  { header: 'Dispositif', kind: 'texte', width: 32, value: (p) => p.demarcheNom },
  { header: 'Code INSEE', kind: 'texte', width: 10, value: (p) => p.communeInsee },
  { header: 'Commune', kind: 'texte', width: 32, value: (p) => p.communeNom },
  { header: 'Département', kind: 'texte', width: 10, value: (p) => p.departementCode },
  { header: 'Commune PVD', kind: 'booleen', value: (p) => p.pvdId !== null },
  { header: 'Date de début', kind: 'date', value: (p) => p.dateDebut },
  { header: 'Date de fin', kind: 'date', value: (p) => p.dateFin },
  {
    header: 'Attributs',
    kind: 'texte',
    width: 48,
    value: (p) =>
      Object.entries(p.attributs ?? {})
        .map(([k, v]) => `${k} : ${attribute(v)}`)
        .join(' ; '),
  },
  { header: 'Modifié le', kind: 'horodatage', width: 18, value: (p) => p.modifieLe },
  { header: 'Modifié par', kind: 'texte', width: 24, value: (p) => p.modifiePar },
];

class ExportParticipationsQuery extends Exportable(ParticipationsQuery) {}

/** A scheme's participations as a file: same scope and filters as its list. */
@ApiTags('demarches')
@ApiErrors(400, 401, 403)
@Controller()
export class DemarchesExportController {
  constructor(private readonly demarches: DemarchesService) {}

  @Get('demarches/:id/participations/export')
  @RequirePermission('pvd:lire')
  @ApiExport('Les communes participant à un dispositif')
  @ApiErrors(404)
  async exportParticipations(@User() user: CurrentUser, @Param() params: DemarcheIdParam, @Query() query: ExportParticipationsQuery, @Res() response: Response): Promise<void> {
    await sendExport(response, query.format, {
      name: 'participations',
      sheet: 'Participations',
      columns: PARTICIPATION_COLUMNS,
      batches: pagesOf((page, pageSize) => this.demarches.listForDemarche(user, params.id, { ...query, page, pageSize })),
    });
  }
}

import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { MISSION_NATURE_LABELS, MISSION_STATUT_LABELS, POSTE_ALERTE_LABELS } from '@suivi-pvd/domain';
import type { Response } from 'express';
import { RequirePermission } from '../core/auth/access.decorators';
import { CurrentUser, User } from '../core/auth/current-user';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { ApiExport, Exportable, pagesOf, sendExport, type ExportColumn } from '../core/export';
import { MissionsQuery, MissionSummaryDto } from './dto/mission.dto';
import { PosteAlerteItemDto, PosteAlertesQuery } from './dto/poste.dto';
import { MissionsService } from './missions.service';
import { PostesService } from './postes.service';

const MISSION_COLUMNS: ExportColumn<MissionSummaryDto>[] = [
  { header: 'PVD', kind: 'texte', width: 32, value: (m) => m.pvdNom },
  { header: 'Département', kind: 'texte', width: 10, value: (m) => m.departementCode },
  { header: 'Financeur', kind: 'texte', width: 28, value: (m) => m.financeurNom },
  { header: 'Nature', kind: 'texte', width: 28, value: (m) => MISSION_NATURE_LABELS[m.nature] },
  { header: 'Intitulé', kind: 'texte', width: 40, value: (m) => m.intitule },
  { header: 'Statut', kind: 'texte', width: 14, value: (m) => MISSION_STATUT_LABELS[m.statut] },
  { header: 'Montant engagé (€)', kind: 'euros', width: 16, value: (m) => m.montantEngage },
  { header: 'Montant versé (€)', kind: 'euros', width: 16, value: (m) => m.montantVerse },
  { header: 'Date de début', kind: 'date', value: (m) => m.dateDebut },
  { header: 'Date de fin', kind: 'date', value: (m) => m.dateFin },
  { header: 'Date d’engagement', kind: 'date', value: (m) => m.dateEngagement },
];

const ALERTE_COLUMNS: ExportColumn<PosteAlerteItemDto>[] = [
  { header: 'PVD', kind: 'texte', width: 32, value: (a) => a.pvdNom },
  { header: 'Département', kind: 'texte', width: 10, value: (a) => a.departementCode },
  { header: 'Poste', kind: 'texte', width: 28, value: (a) => a.intitule },
  { header: 'Motif', kind: 'texte', width: 32, value: (a) => POSTE_ALERTE_LABELS[a.alerte.code] },
  { header: 'Niveau', kind: 'texte', width: 10, value: (a) => (a.alerte.niveau === 'error' ? 'Urgent' : 'À suivre') },
  { header: 'Message', kind: 'texte', width: 60, value: (a) => a.alerte.message },
  { header: 'Date', kind: 'date', value: (a) => a.alerte.date },
];

class ExportMissionsQuery extends Exportable(MissionsQuery) {}
class ExportAlertesQuery extends Exportable(PosteAlertesQuery) {}

/**
 * The engineering lists as files. Registered before the areas' own controllers so that
 * « missions/export » is not taken for a mission's id.
 */
@ApiTags('missions')
@ApiErrors(400, 401, 403)
@Controller()
export class IngenierieExportController {
  constructor(
    private readonly missions: MissionsService,
    private readonly postes: PostesService,
  ) {}

  @Get('missions/export')
  @RequirePermission('mission:lire')
  @ApiExport('Les missions d’expertise de son périmètre')
  async exportMissions(@User() user: CurrentUser, @Query() query: ExportMissionsQuery, @Res() response: Response): Promise<void> {
    await sendExport(response, query.format, {
      name: 'missions',
      sheet: 'Missions',
      columns: MISSION_COLUMNS,
      batches: pagesOf(async (page, pageSize) => this.missions.list(user, { ...query, page, pageSize })),
    });
  }

  @Get('postes/alertes/export')
  @RequirePermission('pvd:lire')
  @ApiExport('Les postes à suivre')
  async exportAlertes(@User() user: CurrentUser, @Query() query: ExportAlertesQuery, @Res() response: Response): Promise<void> {
    await sendExport(response, query.format, {
      name: 'postes-a-suivre',
      sheet: 'Postes à suivre',
      columns: ALERTE_COLUMNS,
      batches: pagesOf((page, pageSize) => this.postes.alertes(user, { ...query, page, pageSize })),
    });
  }
}

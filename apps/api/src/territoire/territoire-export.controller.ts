import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HABITAT_OPERATION_PHASE_LABELS, HABITAT_OPERATION_TYPE_LABELS, ORT_STATUT_LABELS } from '@suivi-pvd/domain';
import type { Response } from 'express';
import { RequirePermission } from '../core/auth/access.decorators';
import { CurrentUser, User } from '../core/auth/current-user';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { ApiExport, Exportable, pagesOf, sendExport, type ExportColumn } from '../core/export';
import { OperationHabitatSummaryDto, OperationsHabitatQuery } from './dto/operation-habitat.dto';
import { OrtsQuery, OrtSummaryDto } from './dto/orts-list.dto';
import { OperationsHabitatService } from './operations-habitat.service';
import { OrtsService } from './orts.service';

const OPERATION_COLUMNS: ExportColumn<OperationHabitatSummaryDto>[] = [
  { header: 'Type', kind: 'texte', width: 18, value: (o) => HABITAT_OPERATION_TYPE_LABELS[o.type] },
  { header: 'Libellé', kind: 'texte', width: 40, value: (o) => o.libelle },
  { header: 'Phase', kind: 'texte', width: 16, value: (o) => HABITAT_OPERATION_PHASE_LABELS[o.phase] },
  { header: 'Maître d’ouvrage', kind: 'texte', width: 28, value: (o) => o.maitreOuvrage.nom ?? o.maitreOuvrage.code },
  { header: 'Code du maître d’ouvrage', kind: 'texte', width: 12, value: (o) => o.maitreOuvrage.code },
  { header: 'Opérateur', kind: 'texte', width: 24, value: (o) => o.operateur },
  { header: 'Date de début', kind: 'date', value: (o) => o.dateDebut },
  { header: 'Date de fin', kind: 'date', value: (o) => o.dateFin },
  { header: 'Communes couvertes', kind: 'texte', width: 40, value: (o) => o.communes.map((c) => `${c.nom} (${c.insee})`).join(', ') },
  { header: 'Départements', kind: 'texte', width: 10, value: (o) => [...new Set(o.communes.map((c) => c.departementCode))].join(', ') },
  { header: 'Objectif de logements', kind: 'nombre', value: (o) => o.objectifTotal },
  { header: 'Logements traités', kind: 'nombre', value: (o) => o.traitesTotal },
  { header: 'Engagement Anah (€)', kind: 'euros', width: 16, value: (o) => o.engagementAnah },
  { header: 'Engagement de la collectivité (€)', kind: 'euros', width: 16, value: (o) => o.engagementCollectivite },
];

const ORT_COLUMNS: ExportColumn<OrtSummaryDto>[] = [
  { header: 'Intitulé', kind: 'texte', width: 40, value: (o) => o.libelle },
  { header: 'Statut', kind: 'texte', width: 16, value: (o) => ORT_STATUT_LABELS[o.statut] },
  { header: 'EPCI signataire', kind: 'texte', width: 32, value: (o) => o.epciNom },
  { header: 'SIREN de l’EPCI', kind: 'texte', width: 12, value: (o) => o.epciSiren },
  { header: 'Date de signature', kind: 'date', value: (o) => o.dateSignature },
  { header: 'Durée (années)', kind: 'nombre', value: (o) => o.dureeAnnees },
  { header: 'Date de fin', kind: 'date', value: (o) => o.dateFin },
  { header: 'Communes couvertes', kind: 'texte', width: 40, value: (o) => o.communes.map((c) => `${c.nom} (${c.insee})`).join(', ') },
  { header: 'Départements', kind: 'texte', width: 10, value: (o) => [...new Set(o.communes.map((c) => c.departementCode))].join(', ') },
  { header: 'Communes PVD couvertes', kind: 'nombre', value: (o) => new Set(o.communes.filter((c) => c.pvdId).map((c) => c.insee)).size },
];

class ExportOperationsQuery extends Exportable(OperationsHabitatQuery) {}
class ExportOrtsQuery extends Exportable(OrtsQuery) {}

/** The territory's lists as files; registered before TerritoireController (« export » is no id). */
@ApiTags('territoire')
@ApiErrors(400, 401, 403)
@Controller()
export class TerritoireExportController {
  constructor(
    private readonly operations: OperationsHabitatService,
    private readonly orts: OrtsService,
  ) {}

  @Get('orts/export')
  @RequirePermission('pvd:lire')
  @ApiExport('Les ORT de son territoire')
  async exportOrts(@User() user: CurrentUser, @Query() query: ExportOrtsQuery, @Res() response: Response): Promise<void> {
    await sendExport(response, query.format, {
      name: 'ort',
      sheet: 'ORT',
      columns: ORT_COLUMNS,
      batches: pagesOf((page, pageSize) => this.orts.list(user, { ...query, page, pageSize })),
    });
  }

  @Get('operations-habitat/export')
  @RequirePermission('pvd:lire')
  @ApiExport('Les opérations d’habitat de son territoire')
  async exportOperations(@User() user: CurrentUser, @Query() query: ExportOperationsQuery, @Res() response: Response): Promise<void> {
    await sendExport(response, query.format, {
      name: 'operations-habitat',
      sheet: 'Opérations d’habitat',
      columns: OPERATION_COLUMNS,
      batches: pagesOf((page, pageSize) => this.operations.list(user, { ...query, page, pageSize })),
    });
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, StreamableFile, UploadedFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IMPORT_PARTENAIRE_STATUT_LABELS, IMPORT_PARTENAIRE_TYPE_LABELS, IMPORT_PARTENAIRE_TYPES } from '@suivi-pvd/domain';
import type { Request, Response } from 'express';
import { RequirePermission } from '../core/auth/access.decorators';
import { actorOf } from '../core/auth/actor';
import { CurrentUser, User } from '../core/auth/current-user';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { ApiExport, ExportFormatQuery, oneBatch, sendExport, type ExportColumn } from '../core/export';
import { AppError } from '../core/errors/app-error';
import { FileUpload } from '../core/files/upload';
import {
  ImportLignesPageDto,
  ImportLignesQuery,
  ImportPartenaireDto,
  ImportPartenaireIdParam,
  ImportPartenaireQuery,
  ImportPartenaireResumeDto,
  ImportPartenaireTypeParam,
  ModeleQuery,
} from './dto/import-partenaire.dto';
import { csvTemplate, xlsxTemplate } from './import-templates';
import { ImportsPartenairesService } from './imports-partenaires.service';

/** Partners' bulk imports of their financing lines, missions and habitat operations. */
/** The columns of the partner imports' history export. */
const IMPORT_COLUMNS: ExportColumn<ImportPartenaireResumeDto>[] = [
  { header: 'Importé le', kind: 'horodatage', width: 18, value: (i) => i.creeLe },
  { header: 'Par', kind: 'texte', width: 28, value: (i) => i.auteur },
  { header: 'Type', kind: 'texte', width: 24, value: (i) => IMPORT_PARTENAIRE_TYPE_LABELS[i.type] },
  { header: 'Fichier', kind: 'texte', width: 32, value: (i) => i.nomFichier },
  { header: 'Statut', kind: 'texte', width: 14, value: (i) => IMPORT_PARTENAIRE_STATUT_LABELS[i.statut] },
  { header: 'Lignes', kind: 'nombre', value: (i) => i.totalLignes },
  { header: 'Créées', kind: 'nombre', value: (i) => i.crees },
  { header: 'Mises à jour', kind: 'nombre', value: (i) => i.misAJour },
  { header: 'Inchangées', kind: 'nombre', value: (i) => i.inchanges },
  { header: 'Rejetées', kind: 'nombre', value: (i) => i.rejetes },
  { header: 'Erreur', kind: 'texte', width: 40, value: (i) => i.erreur },
  { header: 'Terminé le', kind: 'horodatage', width: 18, value: (i) => i.termineLe },
];

@ApiTags('imports-partenaires')
@ApiErrors(400, 401, 403)
@Controller('imports-partenaires')
export class ImportsPartenairesController {
  constructor(private readonly imports: ImportsPartenairesService) {}

  @Post()
  @HttpCode(202)
  @RequirePermission('financement:saisir')
  @ApiOperation({ summary: 'Importe un fichier CSV ou XLSX du partenaire ; le traitement continue en arrière-plan (suivre GET /imports-partenaires/:id)' })
  @FileUpload('Fichier CSV (séparateur ; ou ,) ou XLSX aux colonnes du modèle', {
    required: ['type'],
    properties: { type: { type: 'string', description: `Données importées : ${IMPORT_PARTENAIRE_TYPES.join(', ')}` } },
  })
  @ApiAcceptedResponse({ type: ImportPartenaireResumeDto })
  @ApiErrors(413)
  start(@User() user: CurrentUser, @Req() request: Request, @UploadedFile() file: Express.Multer.File | undefined, @Body() body: { type?: string }): Promise<ImportPartenaireResumeDto> {
    if (!file || file.size === 0) throw new AppError('IMPORT_FILE_INVALID', 'Aucun fichier reçu : joignez un fichier CSV ou XLSX.', { fichier: ['Joignez un fichier CSV ou XLSX.'] });
    // Multer decodes the file name as latin1.
    const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8');
    return this.imports.start(user, actorOf(request), body?.type, fileName, file.buffer);
  }

  @Get()
  @RequirePermission('financement:saisir')
  @ApiOperation({ summary: 'Les imports de mon organisation, les plus récents d’abord (50 au plus)' })
  @ApiOkResponse({ type: [ImportPartenaireResumeDto] })
  list(@User() user: CurrentUser): Promise<ImportPartenaireResumeDto[]> {
    return this.imports.list(user);
  }

  @Get('export')
  @RequirePermission('financement:saisir')
  @ApiExport('Les imports de mon organisation')
  async export(@User() user: CurrentUser, @Query() query: ExportFormatQuery, @Res() response: Response): Promise<void> {
    await sendExport(response, query.format, { name: 'imports-partenaires', sheet: 'Imports', columns: IMPORT_COLUMNS, batches: oneBatch(this.imports.list(user)) });
  }

  @Get('modeles/:type')
  @RequirePermission('financement:saisir')
  @ApiOperation({ summary: 'Le modèle de fichier d’un type d’import : colonnes documentées et une ligne d’exemple' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'Le modèle', schema: { type: 'string', format: 'binary' } })
  async modele(@User() user: CurrentUser, @Param() params: ImportPartenaireTypeParam, @Query() query: ModeleQuery, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const dispositif = await this.imports.exampleDispositif(user);
    const format = query.format ?? 'csv';
    const content = format === 'xlsx' ? await xlsxTemplate(params.type, dispositif) : csvTemplate(params.type, dispositif);
    response.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(content, {
      type: format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
      length: content.length,
      disposition: `attachment; filename="modele-import-${params.type}.${format}"`,
    });
  }

  @Get(':id')
  @RequirePermission('financement:saisir')
  @ApiOperation({ summary: 'Un import : progression, compteurs, rejets (ligne, colonne, motif) et changements, paginés' })
  @ApiOkResponse({ type: ImportPartenaireDto })
  @ApiErrors(404)
  get(@User() user: CurrentUser, @Param() params: ImportPartenaireIdParam, @Query() query: ImportPartenaireQuery): Promise<ImportPartenaireDto> {
    return this.imports.get(user, params.id, query);
  }

  @Get(':id/lignes')
  @RequirePermission('financement:saisir')
  @ApiOperation({ summary: 'Le compte rendu d’un import, ligne à ligne : ses rejets (ligne, colonne, motif) ou ses changements, paginés' })
  @ApiOkResponse({ type: ImportLignesPageDto })
  @ApiErrors(404)
  lines(@User() user: CurrentUser, @Param() params: ImportPartenaireIdParam, @Query() query: ImportLignesQuery): Promise<ImportLignesPageDto> {
    return this.imports.lines(user, params.id, query);
  }
}

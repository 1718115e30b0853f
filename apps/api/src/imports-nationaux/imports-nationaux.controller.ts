import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, StreamableFile, UploadedFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { NATIONAL_IMPORT_TYPES, nationalImportColumns } from '@suivi-pvd/domain';
import type { Request, Response } from 'express';
import { RequirePermission } from '../core/auth/access.decorators';
import { actorOf } from '../core/auth/actor';
import { CurrentUser, User } from '../core/auth/current-user';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { AppError } from '../core/errors/app-error';
import { FileUpload } from '../core/files/upload';
import { ImportLignesPageDto } from '../imports-partenaires/dto/import-partenaire.dto';
import { ImportNationalDto, ImportNationalIdParam, ImportNationalLignesQuery, ImportNationalTypeParam, ModeleNationalQuery } from './dto/import-national.dto';
import { ImportsNationauxService } from './imports-nationaux.service';
import { nationalCsvTemplate, nationalXlsxTemplate } from './national-templates';

/** The ANCT's national bulk loading: ORT list, thematic schemes' participations, historical conventions, chef de projet posts. */
@ApiTags('imports-nationaux')
@ApiErrors(400, 401, 403)
@Controller('imports-nationaux')
export class ImportsNationauxController {
  constructor(private readonly imports: ImportsNationauxService) {}

  @Post()
  @HttpCode(201)
  @RequirePermission('national:importer')
  @ApiOperation({ summary: 'Envoie un fichier CSV ou XLSX : il est lu et comparé à ce qui est enregistré ; l’aperçu (compteurs, premières erreurs) attend la confirmation' })
  @FileUpload('Fichier CSV (séparateur ; ou ,) ou XLSX aux colonnes du modèle', {
    required: ['type'],
    properties: {
      type: { type: 'string', description: `Données importées : ${NATIONAL_IMPORT_TYPES.join(', ')}` },
      demarche: { type: 'string', description: 'Pour les participations : le dispositif (identifiant ou code)' },
    },
  })
  @ApiCreatedResponse({ type: ImportNationalDto })
  @ApiErrors(413)
  preview(@User() user: CurrentUser, @Req() request: Request, @UploadedFile() file: Express.Multer.File | undefined, @Body() body: { type?: string; demarche?: string }): Promise<ImportNationalDto> {
    if (!file || file.size === 0) throw new AppError('IMPORT_FILE_INVALID', 'Aucun fichier reçu : joignez un fichier CSV ou XLSX.', { fichier: ['Joignez un fichier CSV ou XLSX.'] });
    // Multer decodes the file name as latin1.
    const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8');
    return this.imports.preview(user, actorOf(request), body?.type, typeof body?.demarche === 'string' ? body.demarche : undefined, fileName, file.buffer);
  }

  @Post(':id/confirmation')
  @HttpCode(202)
  @RequirePermission('national:importer')
  @ApiOperation({ summary: 'Confirme un import prévisualisé : il est appliqué par une tâche de fond (suivre GET /imports-nationaux/:id)' })
  @ApiOkResponse({ type: ImportNationalDto })
  @ApiErrors(404, 409)
  confirm(@Req() request: Request, @Param() params: ImportNationalIdParam): Promise<ImportNationalDto> {
    return this.imports.confirm(actorOf(request), params.id);
  }

  @Get()
  @RequirePermission('national:importer')
  @ApiOperation({ summary: 'Les imports nationaux, les plus récents d’abord (50 au plus)' })
  @ApiOkResponse({ type: [ImportNationalDto] })
  list(): Promise<ImportNationalDto[]> {
    return this.imports.list();
  }

  @Get('modeles/:type')
  @RequirePermission('national:importer')
  @ApiOperation({ summary: 'Le modèle de fichier d’un type d’import national (participations : les attributs du dispositif en colonnes)' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'Le modèle', schema: { type: 'string', format: 'binary' } })
  async modele(@Param() params: ImportNationalTypeParam, @Query() query: ModeleNationalQuery, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const demarche = params.type === 'participations' ? await this.imports.demarcheOf(query.demarche) : null;
    const columns = nationalImportColumns(params.type, demarche?.attributs ?? []);
    const format = query.format ?? 'csv';
    const content = format === 'xlsx' ? await nationalXlsxTemplate(columns) : nationalCsvTemplate(columns);
    const name = demarche ? `${params.type}-${demarche.code}` : params.type;
    response.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(content, {
      type: format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
      length: content.length,
      disposition: `attachment; filename="modele-import-national-${name.replace(/[^a-z0-9_-]/gi, '_')}.${format}"`,
    });
  }

  @Get(':id')
  @RequirePermission('national:importer')
  @ApiOperation({ summary: 'Un import national : aperçu, statut, progression et compteurs' })
  @ApiOkResponse({ type: ImportNationalDto })
  @ApiErrors(404)
  get(@Param() params: ImportNationalIdParam): Promise<ImportNationalDto> {
    return this.imports.get(params.id);
  }

  @Get(':id/lignes')
  @RequirePermission('national:importer')
  @ApiOperation({ summary: 'Le compte rendu d’un import national, ligne à ligne : rejets et avertissements (ligne, colonne, motif) ou mises à jour, paginés' })
  @ApiOkResponse({ type: ImportLignesPageDto })
  @ApiErrors(404)
  lines(@Param() params: ImportNationalIdParam, @Query() query: ImportNationalLignesQuery): Promise<ImportLignesPageDto> {
    return this.imports.lines(params.id, query);
  }
}

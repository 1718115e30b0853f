import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UploadedFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RequirePermission } from '../core/auth/access.decorators';
import { actorOf } from '../core/auth/actor';
import { FileUpload, requireFile } from '../core/files/upload';
import { PvdImportConfirmDto, PvdImportIdParam, PvdImportReportDto, PvdImportSummaryDto, PvdImportUploadDto } from './dto/pvd-import.dto';
import { ImportPvdService } from './import-pvd.service';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { ApiExport, ExportFormatQuery, oneBatch, sendExport, type ExportColumn } from '../core/export';

const UPLOAD_FIELDS = {
  properties: { dateEffet: { type: 'string' as const, format: 'date', description: 'Date d’effet (AAAA-MM-JJ), par défaut le jour de l’import' } },
};

/** Multer decodes the file name as latin1. */
function fileNameOf(upload: Express.Multer.File): string {
  return Buffer.from(upload.originalname, 'latin1').toString('utf8');
}

/** The columns of the PVD list imports' history export. */
const IMPORT_COLUMNS: ExportColumn<PvdImportSummaryDto>[] = [
  { header: 'Importé le', kind: 'horodatage', width: 18, value: (i) => i.importedAt },
  { header: 'Par', kind: 'texte', width: 28, value: (i) => i.importedBy },
  { header: 'Fichier', kind: 'texte', width: 32, value: (i) => i.fileName },
  { header: 'Format', kind: 'texte', width: 12, value: (i) => (i.format === 'officiel' ? 'Officiel' : 'Export 2021') },
  { header: 'Statut', kind: 'texte', width: 10, value: (i) => (i.statut === 'applique' ? 'Appliqué' : 'Aperçu') },
  { header: 'Date d’effet', kind: 'date', value: (i) => i.dateEffet },
  { header: 'Appliqué le', kind: 'horodatage', width: 18, value: (i) => i.appliqueAt },
  { header: 'Lignes', kind: 'nombre', value: (i) => i.totalLines },
  { header: 'Créées', kind: 'nombre', value: (i) => i.created },
  { header: 'Modifiées', kind: 'nombre', value: (i) => i.updated },
  { header: 'Inchangées', kind: 'nombre', value: (i) => i.unchanged },
  { header: 'Rejetées', kind: 'nombre', value: (i) => i.rejected },
  { header: 'Empreinte du fichier', kind: 'texte', width: 20, value: (i) => i.fichierHash },
];

@ApiTags('pvd')
@ApiErrors(400, 401, 403)
@Controller('pvd/imports')
export class PvdImportsController {
  constructor(private readonly importPvd: ImportPvdService) {}

  @Post()
  @RequirePermission('pvd:importer')
  @ApiOperation({ summary: 'Importe en une fois (aperçu puis confirmation avec les choix proposés)' })
  @FileUpload('Liste des communes PVD (CSV ou XLSX, format data.gouv.fr ou export 2021)', UPLOAD_FIELDS)
  @ApiCreatedResponse({ type: PvdImportReportDto })
  @ApiErrors(413)
  import(@UploadedFile() file: Express.Multer.File | undefined, @Body() body: PvdImportUploadDto, @Req() request: Request): Promise<PvdImportReportDto> {
    const upload = requireFile(file, 'PVD_IMPORT_FILE_MISSING');
    return this.importPvd.import(fileNameOf(upload), upload.buffer, actorOf(request), { dateEffet: body.dateEffet ?? null });
  }

  @Post('apercu')
  @RequirePermission('pvd:importer')
  @ApiOperation({ summary: 'Aperçu d’un fichier : rien n’est appliqué avant sa confirmation' })
  @FileUpload('Liste des communes PVD (CSV ou XLSX, format data.gouv.fr ou export 2021)', UPLOAD_FIELDS)
  @ApiCreatedResponse({ type: PvdImportReportDto })
  @ApiErrors(413)
  preview(@UploadedFile() file: Express.Multer.File | undefined, @Body() body: PvdImportUploadDto, @Req() request: Request): Promise<PvdImportReportDto> {
    const upload = requireFile(file, 'PVD_IMPORT_FILE_MISSING');
    return this.importPvd.preview(fileNameOf(upload), upload.buffer, actorOf(request), { dateEffet: body.dateEffet ?? null });
  }

  @Post(':id/confirmation')
  @HttpCode(200)
  @RequirePermission('pvd:importer')
  @ApiOperation({ summary: 'Applique un aperçu (une seule fois : une nouvelle confirmation renvoie le même rapport)' })
  @ApiOkResponse({ type: PvdImportReportDto })
  @ApiErrors(404)
  confirm(@Param() params: PvdImportIdParam, @Body() body: PvdImportConfirmDto, @Req() request: Request): Promise<PvdImportReportDto> {
    return this.importPvd.confirm(params.id, actorOf(request), body.choix ?? {});
  }

  @Get()
  @RequirePermission('pvd:importer')
  @ApiOkResponse({ type: [PvdImportSummaryDto] })
  list(): Promise<PvdImportSummaryDto[]> {
    return this.importPvd.list();
  }

  @Get('export')
  @RequirePermission('pvd:importer')
  @ApiExport('L’historique des imports de la liste des PVD')
  async export(@Query() query: ExportFormatQuery, @Res() response: Response): Promise<void> {
    await sendExport(response, query.format, { name: 'imports-pvd', sheet: 'Imports PVD', columns: IMPORT_COLUMNS, batches: oneBatch(this.importPvd.list()) });
  }

  @Get(':id')
  @RequirePermission('pvd:importer')
  @ApiOkResponse({ type: PvdImportReportDto })
  @ApiErrors(404)
  get(@Param() params: PvdImportIdParam): Promise<PvdImportReportDto> {
    return this.importPvd.get(params.id);
  }
}

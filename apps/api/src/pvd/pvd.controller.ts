import { Controller, Get, Param, Post, Req, UploadedFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { RequirePermission } from '../core/auth/access.decorators';
import { actorOf } from '../core/auth/actor';
import { FileUpload, requireFile } from '../core/files/upload';
import { PvdImportIdParam, PvdImportReportDto, PvdImportSummaryDto } from './dto/pvd-import.dto';
import { ImportPvdService } from './import-pvd.service';
import { ApiErrors } from '../core/errors/api-errors.decorator';

@ApiTags('pvd')
@ApiErrors(400, 401, 403)
@Controller('pvd/imports')
export class PvdImportsController {
  constructor(private readonly importPvd: ImportPvdService) {}

  @Post()
  @RequirePermission('pvd:importer')
  @FileUpload('Liste des communes PVD (CSV, format data.gouv.fr ou export 2021)')
  @ApiCreatedResponse({ type: PvdImportReportDto })
  import(@UploadedFile() file: Express.Multer.File | undefined, @Req() request: Request): Promise<PvdImportReportDto> {
    const upload = requireFile(file, 'PVD_IMPORT_FILE_MISSING');
    // Multer decodes the file name as latin1.
    const fileName = Buffer.from(upload.originalname, 'latin1').toString('utf8');
    return this.importPvd.import(fileName, upload.buffer, actorOf(request));
  }

  @Get()
  @RequirePermission('pvd:importer')
  @ApiOkResponse({ type: [PvdImportSummaryDto] })
  list(): Promise<PvdImportSummaryDto[]> {
    return this.importPvd.list();
  }

  @Get(':id')
  @RequirePermission('pvd:importer')
  @ApiOkResponse({ type: PvdImportReportDto })
  @ApiErrors(404)
  get(@Param() params: PvdImportIdParam): Promise<PvdImportReportDto> {
    return this.importPvd.get(params.id);
  }
}

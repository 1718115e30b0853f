import { Body, Controller, Get, Param, Post, Req, Res, StreamableFile, UploadedFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import type { Request, Response } from 'express';
import { RequirePermission, SignedIn } from '../core/auth/access.decorators';
import { actorOf } from '../core/auth/actor';
import { CurrentUser, User } from '../core/auth/current-user';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { FileUpload } from '../core/files/upload';
import { AddDocumentInput, ConventionIdParam, DocumentDto } from '../conventions/dto/convention.dto';
import { DocumentsService } from './documents.service';
import { safeFileName } from './safe-file-name';

export class DocumentIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant de document invalide.' })
  id!: string;
}

export class DocumentVersionParams extends DocumentIdParam {
  @ApiProperty({ minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  numero!: number;
}

/** Documents of the conventions: upload, new versions, download under the dossier's access rules. */
@ApiTags('documents')
@ApiErrors(400, 401, 403)
@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post('conventions/:id/documents')
  @RequirePermission('pvd:modifier')
  @FileUpload('Un document PDF ou bureautique (Word, Excel, PowerPoint, OpenDocument), reconnu par son contenu', {
    properties: { titre: { type: 'string', description: 'Titre (par défaut : le nom du fichier)' } },
  })
  @ApiOperation({ summary: 'Ajoute un document à une convention en brouillon ou à compléter' })
  @ApiCreatedResponse({ type: DocumentDto })
  @ApiErrors(404, 409, 413, 415)
  add(
    @User() user: CurrentUser,
    @Req() request: Request,
    @Param() params: ConventionIdParam,
    @Body() input: AddDocumentInput,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<DocumentDto> {
    return this.documents.addToConvention(user, actorOf(request), params.id, file, input.titre);
  }

  @Post('documents/:id/versions')
  // Convention pieces: the dossier's chef de projet; mission deliverables: whoever writes the mission (its funder too).
  @SignedIn()
  @FileUpload('La nouvelle version du document')
  @ApiOperation({ summary: 'Dépose une nouvelle version ; les précédentes restent téléchargeables' })
  @ApiCreatedResponse({ type: DocumentDto })
  @ApiErrors(404, 409, 413, 415)
  addVersion(@User() user: CurrentUser, @Req() request: Request, @Param() params: DocumentIdParam, @UploadedFile() file: Express.Multer.File | undefined): Promise<DocumentDto> {
    return this.documents.addVersion(user, actorOf(request), params.id, file);
  }

  @Get('documents/:id/versions/:numero/contenu')
  // The dossier's readers; for a mission deliverable, its funder too. Checked on the stored document.
  @SignedIn()
  @ApiOperation({ summary: "Télécharge une version d'un document" })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'Le fichier', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(404)
  async download(@User() user: CurrentUser, @Param() params: DocumentVersionParams, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const file = await this.documents.download(user, params.id, params.numero);
    response.setHeader('Cache-Control', 'private, no-store');
    // Names stored before uploads were cleaned may still hold control or bidi characters.
    const fileName = safeFileName(file.fileName);
    return new StreamableFile(file.stream, {
      type: file.mime,
      length: file.size,
      disposition: `attachment; filename="${asciiName(fileName)}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    });
  }
}

/** The file name for old clients that do not read `filename*`. */
function asciiName(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
}

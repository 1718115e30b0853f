import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, UploadedFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { RequirePermission } from '../core/auth/access.decorators';
import { actorOf } from '../core/auth/actor';
import { CurrentUser, User } from '../core/auth/current-user';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { FileUpload, requireFile } from '../core/files/upload';
import { ValeurReferenceDto, ValeurReferenceIdParam, ValeurReferenceInput, ValeursReferenceDto, ValeursReferenceImportDto } from './dto/valeurs-reference.dto';
import { ValeursReferenceService } from './valeurs-reference.service';

/** Dated totals outside the programme, the denominators of some shares (France services, MaPrimeRénov'). */
@ApiTags('indicateurs')
@ApiErrors(400, 401, 403)
@Controller('valeurs-reference')
export class ValeursReferenceController {
  constructor(private readonly valeurs: ValeursReferenceService) {}

  @Get()
  @RequirePermission('indicateurs:lire')
  @ApiOperation({ summary: 'Les valeurs de référence datées (dénominateurs des parts nationales)' })
  @ApiOkResponse({ type: ValeursReferenceDto })
  list(): Promise<ValeursReferenceDto> {
    return this.valeurs.list();
  }

  @Post()
  @RequirePermission('programme:parametrer')
  @ApiOperation({ summary: 'Saisit une valeur de référence datée (ANCT)' })
  @ApiCreatedResponse({ type: ValeurReferenceDto })
  @ApiErrors(409)
  create(@User() user: CurrentUser, @Req() request: Request, @Body() input: ValeurReferenceInput): Promise<ValeurReferenceDto> {
    return this.valeurs.create(user, actorOf(request), input);
  }

  @Post('import')
  @RequirePermission('programme:parametrer')
  @FileUpload('Fichier CSV ou XLSX : cle, zone_type, zone_code, date_valeur, valeur, source (tout ou rien)')
  @ApiCreatedResponse({ type: ValeursReferenceImportDto })
  import(@User() user: CurrentUser, @Req() request: Request, @UploadedFile() file: Express.Multer.File | undefined): Promise<ValeursReferenceImportDto> {
    return this.valeurs.import(user, actorOf(request), requireFile(file, 'VALIDATION_FAILED').buffer);
  }

  @Delete(':id')
  @RequirePermission('programme:parametrer')
  @HttpCode(204)
  @ApiOperation({ summary: 'Supprime une valeur de référence' })
  @ApiNoContentResponse({ description: 'Supprimée' })
  @ApiErrors(404)
  remove(@Req() request: Request, @Param() params: ValeurReferenceIdParam): Promise<void> {
    return this.valeurs.remove(actorOf(request), params.id);
  }
}

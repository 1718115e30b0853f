import { Controller, Get, Param, Post, Query, Req, UploadedFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { RequirePermission } from '../core/auth/access.decorators';
import { actorOf } from '../core/auth/actor';
import { FileUpload } from '../core/files/upload';
import { CommunesService } from './communes.service';
import { CommuneDetailDto, CommunePageDto, InseeParam, SearchCommunesQuery } from './dto/communes.dto';
import { DensiteImportResultDto } from './dto/densite-import.dto';
import { ImportDensiteService } from './import-densite.service';
import { densiteFileInvalid } from './read-densite-file';
import { ApiErrors } from '../core/errors/api-errors.decorator';

@ApiTags('référentiel')
@ApiErrors(400, 401, 403)
@Controller()
export class ReferentielController {
  constructor(
    private readonly communes: CommunesService,
    private readonly importDensite: ImportDensiteService,
  ) {}

  @Get('communes')
  @RequirePermission('referentiel:lire')
  @ApiOkResponse({ type: CommunePageDto })
  search(@Query() query: SearchCommunesQuery): Promise<CommunePageDto> {
    return this.communes.search(query.q, query.page ?? 1, query.pageSize ?? 20);
  }

  @Get('communes/:insee')
  @RequirePermission('referentiel:lire')
  @ApiOkResponse({ type: CommuneDetailDto })
  @ApiErrors(404)
  get(@Param() params: InseeParam): Promise<CommuneDetailDto> {
    return this.communes.get(params.insee);
  }

  @Post('referentiel/densite')
  @RequirePermission('referentiel:importer')
  @FileUpload('Grille communale de densité à 7 niveaux de l’INSEE : le classeur XLSX tel que publié (feuille Grille_Densite) ou un CSV (CODGEO, DENS, LIBDENS)')
  @ApiCreatedResponse({ type: DensiteImportResultDto })
  importDensiteFile(@UploadedFile() file: Express.Multer.File | undefined, @Req() request: Request): Promise<DensiteImportResultDto> {
    if (!file || file.size === 0) throw densiteFileInvalid('Aucun fichier reçu : joignez la grille de densité (XLSX ou CSV).');
    return this.importDensite.import(file.buffer, actorOf(request));
  }
}

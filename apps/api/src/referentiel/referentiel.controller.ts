import { Controller, Get, Param, Post, Query, Req, Res, UploadedFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RequirePermission } from '../core/auth/access.decorators';
import { actorOf } from '../core/auth/actor';
import { FileUpload } from '../core/files/upload';
import { CommunesService } from './communes.service';
import { AiresDto } from './dto/aires.dto';
import { CommuneDetailDto, CommunePageDto, CommuneSummaryDto, InseeParam, SearchCommunesQuery } from './dto/communes.dto';
import { ApiExport, Exportable, pagesOf, sendExport, type ExportColumn } from '../core/export';
import { DensiteImportResultDto } from './dto/densite-import.dto';
import { ImportDensiteService } from './import-densite.service';
import { densiteFileInvalid } from './read-densite-file';
import { ApiErrors } from '../core/errors/api-errors.decorator';

/** The columns of the communes search's export. */
const COMMUNE_COLUMNS: ExportColumn<CommuneSummaryDto>[] = [
  { header: 'Code INSEE', kind: 'texte', width: 10, value: (c) => c.insee },
  { header: 'Nom', kind: 'texte', width: 32, value: (c) => c.nom },
  { header: 'Code du département', kind: 'texte', width: 10, value: (c) => c.departementCode },
  { header: 'Département', kind: 'texte', width: 24, value: (c) => c.departementNom },
  { header: 'Population', kind: 'nombre', width: 12, value: (c) => c.population },
  { header: 'Identifiant PVD', kind: 'texte', width: 14, value: (c) => c.pvd?.idPvd ?? null },
];

class ExportCommunesQuery extends Exportable(SearchCommunesQuery) {}

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
    return this.communes.search(query.q, query.page ?? 1, query.pageSize ?? 20, query.epci);
  }

  // Declared before communes/:insee so that "export" is not taken for a code.
  @Get('communes/export')
  @RequirePermission('referentiel:lire')
  @ApiExport('Les communes trouvées')
  async export(@Query() query: ExportCommunesQuery, @Res() response: Response): Promise<void> {
    await sendExport(response, query.format, {
      name: 'communes',
      sheet: 'Communes',
      columns: COMMUNE_COLUMNS,
      batches: pagesOf((page, pageSize) => this.communes.search(query.q, page, pageSize, query.epci)),
    });
  }

  @Get('communes/:insee')
  @RequirePermission('referentiel:lire')
  @ApiOkResponse({ type: CommuneDetailDto })
  @ApiErrors(404)
  get(@Param() params: InseeParam): Promise<CommuneDetailDto> {
    return this.communes.get(params.insee);
  }

  @Get('referentiel/aires')
  @RequirePermission('referentiel:lire')
  @ApiOperation({ summary: 'Les régions et départements du référentiel, avec leur nom' })
  @ApiOkResponse({ type: AiresDto })
  aires(): Promise<AiresDto> {
    return this.communes.aires();
  }

  @Post('referentiel/densite')
  @RequirePermission('referentiel:importer')
  @FileUpload('Grille communale de densité à 7 niveaux de l’INSEE : le classeur XLSX tel que publié (feuille Grille_Densite) ou un CSV (CODGEO, DENS, LIBDENS)')
  @ApiCreatedResponse({ type: DensiteImportResultDto })
  @ApiErrors(413)
  importDensiteFile(@UploadedFile() file: Express.Multer.File | undefined, @Req() request: Request): Promise<DensiteImportResultDto> {
    if (!file || file.size === 0) throw densiteFileInvalid('Aucun fichier reçu : joignez la grille de densité (XLSX ou CSV).');
    return this.importDensite.import(file.buffer, actorOf(request));
  }
}

import { Body, Controller, Get, Inject, Param, Put, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DONNEES_PVD_COLONNES, ligneCsvOuverte, nomFichierDonnees, schemaDonneesPvd } from '@suivi-pvd/domain';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { Public, RequirePermission } from '../core/auth/access.decorators';
import { actorOf } from '../core/auth/actor';
import { CurrentUser, User } from '../core/auth/current-user';
import { APP_CONFIG, AppConfig } from '../core/config/config';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { PublicRateLimit } from '../core/rate-limit/public-rate-limit';
import { IdPvdParam, IndicateursPublicsDto, IndicateursPublicsInput, ProgrammePublicDto, PvdDepartementQuery, PvdPublicDto, PvdPublicListeDto } from './dto/public.dto';
import { PublicService } from './public.service';

/** Browsers and caches may keep a public answer this long (the figures are of the day). */
const PUBLIC_CACHE = 'public, max-age=300';
const DONNEES_CACHE = 'public, max-age=3600';
const SCHEMA_PATH = '/api/public/donnees/pvd.schema.json';

/** Public pages and open data: no login, read-only, rate-limited per address. */
@ApiTags('public')
@ApiErrors(404, 429)
@Controller('public')
export class PublicController {
  constructor(
    private readonly service: PublicService,
    private readonly publicRate: PublicRateLimit,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private limit(request: Request, response: Response): Promise<void> {
    return this.publicRate.check(request, response);
  }

  /** Sends a body with a strong ETag; 304 when the client holds the same. */
  private sendCached(request: Request, response: Response, body: string, type: string, cacheControl: string): void {
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    response.setHeader('ETag', etag);
    response.setHeader('Cache-Control', cacheControl);
    response.type(type);
    if (request.headers['if-none-match'] === etag) {
      response.status(304).end();
      return;
    }
    response.send(body);
  }

  @Get('programme')
  @Public()
  @ApiOperation({ summary: 'La page nationale : les chiffres publics du programme aujourd’hui, par département' })
  @ApiOkResponse({ type: ProgrammePublicDto })
  async programme(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<ProgrammePublicDto> {
    await this.limit(request, response);
    response.setHeader('Cache-Control', PUBLIC_CACHE);
    return this.service.programme();
  }

  @Get('pvd')
  @Public()
  @ApiOperation({ summary: 'Les PVD d’un département (nom, statut public de la convention-cadre)' })
  @ApiOkResponse({ type: PvdPublicListeDto })
  @ApiErrors(400)
  async parDepartement(@Req() request: Request, @Res({ passthrough: true }) response: Response, @Query() q: PvdDepartementQuery): Promise<PvdPublicListeDto> {
    await this.limit(request, response);
    response.setHeader('Cache-Control', PUBLIC_CACHE);
    return this.service.pvdDuDepartement(q.departement);
  }

  @Get('pvd/:idPvd')
  @Public()
  @ApiOperation({ summary: 'La page publique d’une PVD : communes, EPCI, statuts et dates de signature, chiffres publics' })
  @ApiOkResponse({ type: PvdPublicDto })
  async pvd(@Req() request: Request, @Res({ passthrough: true }) response: Response, @Param() p: IdPvdParam): Promise<PvdPublicDto> {
    await this.limit(request, response);
    response.setHeader('Cache-Control', PUBLIC_CACHE);
    return this.service.pvd(p.idPvd);
  }

  @Get('donnees/pvd.csv')
  @Public()
  @ApiOperation({ summary: 'Données ouvertes : la liste des PVD et de leurs statuts en CSV (UTF-8, virgule, dates ISO), datée' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Le fichier CSV' })
  async csv(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.limit(request, response);
    const { jour, lignes } = await this.service.donneesPvd();
    let body = ligneCsvOuverte(DONNEES_PVD_COLONNES.map((c) => c.name));
    for (const ligne of lignes) body += ligneCsvOuverte(DONNEES_PVD_COLONNES.map((c) => ligne[c.name]));
    response.setHeader('Content-Disposition', `attachment; filename="${nomFichierDonnees(jour, 'csv')}"`);
    response.setHeader('Link', `<${SCHEMA_PATH}>; rel="describedby"`);
    this.sendCached(request, response, body, 'text/csv; charset=utf-8', DONNEES_CACHE);
  }

  @Get('donnees/pvd.json')
  @Public()
  @ApiOperation({ summary: 'Données ouvertes : la même liste en JSON (un objet par PVD, mêmes clés que le CSV), datée' })
  @ApiOkResponse({ description: 'Un tableau d’objets aux colonnes du schéma' })
  async json(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.limit(request, response);
    const { jour, lignes } = await this.service.donneesPvd();
    response.setHeader('Content-Disposition', `inline; filename="${nomFichierDonnees(jour, 'json')}"`);
    response.setHeader('Link', `<${SCHEMA_PATH}>; rel="describedby"`);
    this.sendCached(request, response, JSON.stringify(lignes), 'application/json; charset=utf-8', DONNEES_CACHE);
  }

  @Get('donnees/pvd.schema.json')
  @Public()
  @ApiOperation({ summary: 'Le schéma (TableSchema) des données ouvertes des PVD' })
  @ApiOkResponse({ description: 'TableSchema' })
  async schema(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.limit(request, response);
    this.sendCached(request, response, JSON.stringify(schemaDonneesPvd(this.config.publicUrl), null, 2), 'application/json; charset=utf-8', DONNEES_CACHE);
  }
}

/** The ANCT chooses the figures the public pages show. */
@ApiTags('public')
@ApiErrors(400, 401, 403)
@Controller('indicateurs-publics')
export class IndicateursPublicsController {
  constructor(private readonly service: PublicService) {}

  @Get()
  @RequirePermission('indicateurs:lire')
  @ApiOperation({ summary: 'Les indicateurs du catalogue et ceux que l’ANCT a rendus publics' })
  @ApiOkResponse({ type: IndicateursPublicsDto })
  list(@User() user: CurrentUser): Promise<IndicateursPublicsDto> {
    return this.service.choix(user);
  }

  @Put()
  @RequirePermission('programme:parametrer')
  @ApiOperation({ summary: 'Remplace la liste des indicateurs publics (version lue, sinon 409)' })
  @ApiOkResponse({ type: IndicateursPublicsDto })
  @ApiErrors(409)
  replace(@User() user: CurrentUser, @Req() request: Request, @Body() input: IndicateursPublicsInput): Promise<IndicateursPublicsDto> {
    return this.service.modifier(user, actorOf(request), input);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, Res, StreamableFile, UploadedFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, RequirePermission } from '../../core/auth/access.decorators';
import { actorOf } from '../../core/auth/actor';
import { CurrentUser, User } from '../../core/auth/current-user';
import { ApiErrors } from '../../core/errors/api-errors.decorator';
import { FileUpload } from '../../core/files/upload';
import { VersionQuery } from '../../core/http/version-query';
import { PublicRateLimit } from '../../core/rate-limit/public-rate-limit';
import {
  CommentaireInput,
  CreateFicheInput,
  DemandeModificationsInput,
  FicheDto,
  FicheIdParam,
  FichePhotoParams,
  FichesPageDto,
  FichesQuery,
  FicheVersionInput,
  PhotoInput,
  PublicFicheDto,
  PublicFichesPageDto,
  PublicFichesQuery,
  UpdateFicheInput,
} from './dto/fiche.dto';
import { FichesService } from './fiches.service';

const PHOTO_RESPONSE = { description: 'L’image (JPEG, PNG ou WebP)', schema: { type: 'string', format: 'binary' } } as const;

/**
 * The project sheets as their chefs de projet write them and the ANCT reviews them. Reading a sheet
 * (`club:lire`) is further restricted to its PVD's chef and, once submitted, the ANCT (404 for others).
 */
@ApiTags('projetotheque')
@ApiErrors(400, 401, 403, 404)
@Controller('fiches')
export class FichesController {
  constructor(private readonly fiches: FichesService) {}

  @Get()
  @RequirePermission('club:lire')
  @ApiOperation({ summary: 'Les fiches-projets que l’appelant rédige (ses PVD) ou relit (ANCT : les fiches soumises)' })
  @ApiOkResponse({ type: FichesPageDto })
  list(@User() user: CurrentUser, @Query() query: FichesQuery): Promise<FichesPageDto> {
    return this.fiches.list(user, query);
  }

  @Post()
  @RequirePermission('fiche:rediger')
  @ApiOperation({ summary: 'Crée une fiche-projet (brouillon) d’une PVD' })
  @ApiCreatedResponse({ type: FicheDto })
  create(@User() user: CurrentUser, @Req() request: Request, @Body() input: CreateFicheInput): Promise<FicheDto> {
    return this.fiches.create(user, actorOf(request), input);
  }

  @Get(':id')
  @RequirePermission('club:lire')
  @ApiOperation({ summary: 'Une fiche-projet avec son statut et sa revue (son rédacteur, l’ANCT)' })
  @ApiOkResponse({ type: FicheDto })
  get(@User() user: CurrentUser, @Param() params: FicheIdParam): Promise<FicheDto> {
    return this.fiches.get(user, params.id);
  }

  @Put(':id')
  @RequirePermission('fiche:rediger')
  @ApiOperation({ summary: 'Modifie le texte d’une fiche (brouillon, à modifier ou dépubliée), avec la version lue' })
  @ApiOkResponse({ type: FicheDto })
  @ApiErrors(409)
  update(@User() user: CurrentUser, @Req() request: Request, @Param() params: FicheIdParam, @Body() input: UpdateFicheInput): Promise<FicheDto> {
    return this.fiches.update(user, actorOf(request), params.id, input);
  }

  @Delete(':id')
  @RequirePermission('fiche:rediger')
  @HttpCode(204)
  @ApiOperation({ summary: 'Supprime un brouillon jamais soumis' })
  @ApiNoContentResponse()
  @ApiErrors(409)
  async remove(@User() user: CurrentUser, @Req() request: Request, @Param() params: FicheIdParam, @Query() query: VersionQuery): Promise<void> {
    await this.fiches.remove(user, actorOf(request), params.id, query.version);
  }

  @Post(':id/soumission')
  @RequirePermission('fiche:rediger')
  @HttpCode(200)
  @ApiOperation({ summary: 'Soumet la fiche à la revue de l’ANCT (fiche complète)' })
  @ApiOkResponse({ type: FicheDto })
  @ApiErrors(409)
  submit(@User() user: CurrentUser, @Req() request: Request, @Param() params: FicheIdParam, @Body() input: FicheVersionInput): Promise<FicheDto> {
    return this.fiches.transition(user, actorOf(request), params.id, 'soumettre', input.version);
  }

  @Post(':id/demande-modifications')
  @RequirePermission('fiche:publier')
  @HttpCode(200)
  @ApiOperation({ summary: 'Renvoie la fiche à son rédacteur avec ce qu’il faut modifier (ANCT)' })
  @ApiOkResponse({ type: FicheDto })
  @ApiErrors(409)
  askChanges(@User() user: CurrentUser, @Req() request: Request, @Param() params: FicheIdParam, @Body() input: DemandeModificationsInput): Promise<FicheDto> {
    return this.fiches.transition(user, actorOf(request), params.id, 'demander_modifications', input.version, input.commentaire);
  }

  @Post(':id/publication')
  @RequirePermission('fiche:publier')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publie la fiche dans la projetothèque publique (ANCT)' })
  @ApiOkResponse({ type: FicheDto })
  @ApiErrors(409)
  publish(@User() user: CurrentUser, @Req() request: Request, @Param() params: FicheIdParam, @Body() input: FicheVersionInput): Promise<FicheDto> {
    return this.fiches.transition(user, actorOf(request), params.id, 'publier', input.version);
  }

  @Post(':id/depublication')
  @RequirePermission('club:lire')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retire la fiche de la projetothèque publique (ANCT, ou son rédacteur pour la modifier)' })
  @ApiOkResponse({ type: FicheDto })
  @ApiErrors(409)
  unpublish(@User() user: CurrentUser, @Req() request: Request, @Param() params: FicheIdParam, @Body() input: FicheVersionInput): Promise<FicheDto> {
    return this.fiches.transition(user, actorOf(request), params.id, 'depublier', input.version);
  }

  @Post(':id/commentaires')
  @RequirePermission('club:lire')
  @ApiOperation({ summary: 'Commente la revue de la fiche (ANCT et rédacteur ; jamais public)' })
  @ApiCreatedResponse({ type: FicheDto })
  comment(@User() user: CurrentUser, @Req() request: Request, @Param() params: FicheIdParam, @Body() input: CommentaireInput): Promise<FicheDto> {
    return this.fiches.comment(user, actorOf(request), params.id, input.texte);
  }

  @Post(':id/photos')
  @RequirePermission('fiche:rediger')
  @FileUpload('Une image JPEG, PNG ou WebP, reconnue par son contenu', {
    required: ['texteAlternatif'],
    properties: { texteAlternatif: { type: 'string', description: 'Ce que montre la photo' }, legende: { type: 'string', description: 'Légende (facultative)' } },
  })
  @ApiOperation({ summary: 'Ajoute une photo à la fiche, avec son texte alternatif' })
  @ApiCreatedResponse({ type: FicheDto })
  @ApiErrors(409, 413, 415)
  addPhoto(@User() user: CurrentUser, @Req() request: Request, @Param() params: FicheIdParam, @Body() input: PhotoInput, @UploadedFile() file: Express.Multer.File | undefined): Promise<FicheDto> {
    return this.fiches.addPhoto(user, actorOf(request), params.id, file, input.texteAlternatif, input.legende);
  }

  @Delete(':id/photos/:photoId')
  @RequirePermission('fiche:rediger')
  @ApiOperation({ summary: 'Retire une photo de la fiche' })
  @ApiOkResponse({ type: FicheDto })
  @ApiErrors(409)
  removePhoto(@User() user: CurrentUser, @Req() request: Request, @Param() params: FichePhotoParams): Promise<FicheDto> {
    return this.fiches.removePhoto(user, actorOf(request), params.id, params.photoId);
  }

  @Get(':id/photos/:photoId/contenu')
  @RequirePermission('club:lire')
  @ApiOperation({ summary: 'L’image d’une photo de la fiche (rédacteur, ANCT)' })
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  @ApiOkResponse(PHOTO_RESPONSE)
  async photo(@User() user: CurrentUser, @Param() params: FichePhotoParams, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const file = await this.fiches.photo(user, params.id, params.photoId);
    response.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(file.stream, { type: file.mime, length: file.size, disposition: 'inline' });
  }
}

/** The public projetothèque: published sheets only, without signing in; a draft's id answers 404. */
@ApiTags('projetotheque')
@ApiErrors(400, 404, 429)
@Controller('public/fiches')
export class PublicFichesController {
  constructor(
    private readonly fiches: FichesService,
    private readonly publicRate: PublicRateLimit,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Recherche dans les fiches-projets publiées (mots, thème, région, classe de population)' })
  @ApiOkResponse({ type: PublicFichesPageDto })
  async search(@Query() query: PublicFichesQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<PublicFichesPageDto> {
    await this.publicRate.check(request, response);
    return this.fiches.searchPublic(query);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'Une fiche-projet publiée' })
  @ApiOkResponse({ type: PublicFicheDto })
  async get(@Param() params: FicheIdParam, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<PublicFicheDto> {
    await this.publicRate.check(request, response);
    return this.fiches.getPublic(params.id);
  }

  @Get(':id/photos/:photoId/contenu')
  @Public()
  @ApiOperation({ summary: 'L’image d’une photo d’une fiche publiée' })
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  @ApiOkResponse(PHOTO_RESPONSE)
  async photo(@Param() params: FichePhotoParams, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    await this.publicRate.check(request, response);
    const file = await this.fiches.publicPhoto(params.id, params.photoId);
    // Revalidated at each view: an unpublished sheet's photos stop being served at once.
    response.setHeader('Cache-Control', 'no-cache');
    return new StreamableFile(file.stream, { type: file.mime, length: file.size, disposition: 'inline' });
  }
}

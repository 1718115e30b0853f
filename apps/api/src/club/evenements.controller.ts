import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CLUB_INSCRIPTION_STATUT_LABELS } from '@suivi-pvd/domain';
import type { Request, Response } from 'express';
import { Public, RequirePermission } from '../core/auth/access.decorators';
import { actorOf } from '../core/auth/actor';
import { CurrentUser, User } from '../core/auth/current-user';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { ApiExport, ExportFormatQuery, sendExport, type ExportColumn } from '../core/export';
import { PublicRateLimit } from '../core/rate-limit/public-rate-limit';
import {
  CalendrierDto,
  CalendrierFichierParam,
  CreateEvenementInput,
  EvenementDto,
  EvenementIdParam,
  EvenementsPageDto,
  EvenementsQuery,
  InscriptionDto,
  InscriptionIdParams,
  InscriptionsDto,
  MonInscriptionDto,
  OrganisationEvenementsPageDto,
  OrganisationEvenementsQuery,
  PresenceInput,
  UpdateEvenementInput,
  VersionInput,
} from './dto/club.dto';
import { EvenementsService } from './evenements.service';

const INSCRIPTION_COLUMNS: ExportColumn<InscriptionDto>[] = [
  { header: 'Nom', kind: 'texte', width: 28, value: (i) => i.nom },
  { header: 'Courriel', kind: 'texte', width: 32, value: (i) => i.email },
  { header: 'Organisation', kind: 'texte', width: 36, value: (i) => i.organisation },
  { header: 'Inscription', kind: 'texte', width: 20, value: (i) => CLUB_INSCRIPTION_STATUT_LABELS[i.statut] },
  { header: 'Rang en liste d’attente', kind: 'nombre', width: 12, value: (i) => i.position },
  { header: 'Présent', kind: 'texte', width: 10, value: (i) => (i.presence === null ? '' : i.presence ? 'oui' : 'non') },
  { header: 'Inscrit le', kind: 'horodatage', width: 20, value: (i) => i.inscritLe },
];

/** A file name from a title: letters, digits and dashes only. */
function fileNameOf(title: string): string {
  const ascii = title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase();
  return (ascii || 'evenement').slice(0, 60);
}

/**
 * The Club's events (ADR 0016): the agenda and an event's page for everyone signed in
 * (`club:lire`), registration for chefs de projet and élus (`club:inscrire`), organising for the
 * ANCT, préfectures and partners (`club:organiser`, checked against the stored organiser).
 */
@ApiTags('club')
@ApiErrors(400, 401, 403, 404)
@Controller('club')
export class EvenementsController {
  constructor(
    private readonly evenements: EvenementsService,
    private readonly publicRate: PublicRateLimit,
  ) {}

  @Get('evenements')
  @RequirePermission('club:lire')
  @ApiOperation({ summary: 'L’agenda du Club : les événements publiés à venir (ou de la période), filtrés' })
  @ApiOkResponse({ type: EvenementsPageDto })
  agenda(@User() user: CurrentUser, @Query() query: EvenementsQuery): Promise<EvenementsPageDto> {
    return this.evenements.agenda(user, query);
  }

  @Get('organisation/evenements')
  @RequirePermission('club:organiser')
  @ApiOperation({ summary: 'Les événements que l’on organise (brouillons compris), et les organisations au nom desquelles on organise' })
  @ApiOkResponse({ type: OrganisationEvenementsPageDto })
  organisation(@User() user: CurrentUser, @Query() query: OrganisationEvenementsQuery): Promise<OrganisationEvenementsPageDto> {
    return this.evenements.organisation(user, query);
  }

  @Post('evenements')
  @RequirePermission('club:organiser')
  @ApiOperation({ summary: 'Créer un événement (une préfecture : dans son département ; un partenaire : ses formations)' })
  @ApiCreatedResponse({ type: EvenementDto })
  create(@User() user: CurrentUser, @Body() input: CreateEvenementInput, @Req() request: Request): Promise<EvenementDto> {
    return this.evenements.create(user, actorOf(request), input);
  }

  @Get('evenements/:id')
  @RequirePermission('club:lire')
  @ApiOperation({ summary: 'Un événement, avec sa propre inscription' })
  @ApiOkResponse({ type: EvenementDto })
  get(@User() user: CurrentUser, @Param() params: EvenementIdParam): Promise<EvenementDto> {
    return this.evenements.get(user, params.id);
  }

  @Put('evenements/:id')
  @RequirePermission('club:organiser')
  @ApiOperation({ summary: 'Modifier un événement (son organisateur) ; des places en plus font monter la liste d’attente' })
  @ApiOkResponse({ type: EvenementDto })
  @ApiErrors(409)
  update(@User() user: CurrentUser, @Param() params: EvenementIdParam, @Body() input: UpdateEvenementInput, @Req() request: Request): Promise<EvenementDto> {
    return this.evenements.update(user, actorOf(request), params.id, input);
  }

  @Post('evenements/:id/annulation')
  @RequirePermission('club:organiser')
  @HttpCode(200)
  @ApiOperation({ summary: 'Annuler un événement : les inscrits et la liste d’attente sont prévenus' })
  @ApiOkResponse({ type: EvenementDto })
  @ApiErrors(409)
  cancel(@User() user: CurrentUser, @Param() params: EvenementIdParam, @Body() input: VersionInput, @Req() request: Request): Promise<EvenementDto> {
    return this.evenements.cancel(user, actorOf(request), params.id, input.version);
  }

  @Post('evenements/:id/inscription')
  @RequirePermission('club:inscrire')
  @ApiOperation({ summary: 'S’inscrire : une place s’il en reste, sinon la liste d’attente (sans effet si déjà inscrit)' })
  @ApiCreatedResponse({ type: MonInscriptionDto })
  @ApiErrors(409)
  register(@User() user: CurrentUser, @Param() params: EvenementIdParam, @Req() request: Request): Promise<MonInscriptionDto> {
    return this.evenements.register(user, actorOf(request), params.id);
  }

  @Delete('evenements/:id/inscription')
  @RequirePermission('club:inscrire')
  @HttpCode(204)
  @ApiOperation({ summary: 'Se désinscrire : la place libérée va au premier de la liste d’attente, qui est prévenu' })
  @ApiNoContentResponse({ description: 'Désinscrit' })
  async unregister(@User() user: CurrentUser, @Param() params: EvenementIdParam, @Req() request: Request): Promise<void> {
    await this.evenements.unregister(user, actorOf(request), params.id);
  }

  @Get('evenements/:id/inscriptions')
  @RequirePermission('club:organiser')
  @ApiOperation({ summary: 'Les inscriptions d’un événement (son organisateur)' })
  @ApiOkResponse({ type: InscriptionsDto })
  inscriptions(@User() user: CurrentUser, @Param() params: EvenementIdParam): Promise<InscriptionsDto> {
    return this.evenements.inscriptions(user, params.id);
  }

  @Get('evenements/:id/inscriptions/export')
  @RequirePermission('club:organiser')
  @ApiExport('Les inscriptions d’un événement')
  async exportInscriptions(@User() user: CurrentUser, @Param() params: EvenementIdParam, @Query() query: ExportFormatQuery, @Res() response: Response): Promise<void> {
    const list = await this.evenements.inscriptions(user, params.id);
    const event = await this.evenements.get(user, params.id);
    await sendExport(response, query.format, {
      name: `inscriptions-${fileNameOf(event.titre)}`,
      sheet: 'Inscriptions',
      columns: INSCRIPTION_COLUMNS,
      batches: (async function* () {
        yield list.items;
      })(),
    });
  }

  @Put('evenements/:id/inscriptions/:inscriptionId/presence')
  @RequirePermission('club:organiser')
  @ApiOperation({ summary: 'Marquer la présence d’un inscrit (son organisateur)' })
  @ApiOkResponse({ type: InscriptionDto })
  @ApiErrors(409)
  presence(@User() user: CurrentUser, @Param() params: InscriptionIdParams, @Body() input: PresenceInput, @Req() request: Request): Promise<InscriptionDto> {
    return this.evenements.setPresence(user, actorOf(request), params.id, params.inscriptionId, input);
  }

  @Get('evenements/:id/ics')
  @RequirePermission('club:lire')
  @ApiOperation({ summary: 'L’événement au format iCalendar (.ics), à ajouter à son agenda' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'Le fichier .ics', schema: { type: 'string' } })
  async ics(@User() user: CurrentUser, @Param() params: EvenementIdParam, @Res() response: Response): Promise<void> {
    const { nom, text } = await this.evenements.ics(user, params.id);
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('Content-Disposition', `attachment; filename="${fileNameOf(nom)}.ics"`);
    response.type('text/calendar; charset=utf-8').send(text);
  }

  @Get('calendrier')
  @RequirePermission('club:inscrire')
  @ApiOperation({ summary: 'L’adresse secrète de son agenda du Club (ses inscriptions), à ajouter à son logiciel d’agenda' })
  @ApiOkResponse({ type: CalendrierDto })
  calendrier(@User() user: CurrentUser): Promise<CalendrierDto> {
    return this.evenements.calendrierUrl(user);
  }

  @Post('calendrier/renouvellement')
  @RequirePermission('club:inscrire')
  @HttpCode(200)
  @ApiOperation({ summary: 'Renouveler l’adresse de son agenda : l’ancienne cesse de fonctionner' })
  @ApiOkResponse({ type: CalendrierDto })
  regenerer(@User() user: CurrentUser, @Req() request: Request): Promise<CalendrierDto> {
    return this.evenements.regenerer(user, actorOf(request));
  }

  @Delete('calendrier')
  @RequirePermission('club:inscrire')
  @HttpCode(204)
  @ApiOperation({ summary: 'Supprimer l’adresse de son agenda : elle cesse de fonctionner' })
  @ApiNoContentResponse({ description: 'Supprimée' })
  async revoquer(@User() user: CurrentUser, @Req() request: Request): Promise<void> {
    await this.evenements.revoquer(user, actorOf(request));
  }

  @Get('calendrier/:fichier')
  @Public()
  @ApiErrors(429)
  @ApiOperation({ summary: 'L’agenda d’une personne au format iCalendar, par son adresse signée (sans connexion, pour les logiciels d’agenda)' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'Le calendrier .ics', schema: { type: 'string' } })
  async feed(@Param() params: CalendrierFichierParam, @Req() request: Request, @Res() response: Response): Promise<void> {
    await this.publicRate.check(request, response);
    const text = await this.evenements.feed(params.fichier);
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.type('text/calendar; charset=utf-8').send(text);
  }
}

import { Body, Controller, Delete, Get, Param, Patch, Post, Query, Req, Res, StreamableFile, UploadedFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { SignedIn } from '../core/auth/access.decorators';
import { actorOf } from '../core/auth/actor';
import { CurrentUser, User } from '../core/auth/current-user';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { FileUpload } from '../core/files/upload';
import { VersionQuery } from '../core/http/version-query';
import { safeFileName } from '../documents/safe-file-name';
import { DiscussionsService } from './discussions.service';
import {
  AddPieceJointeInput,
  CreateMessageInput,
  DiscussionItemParams,
  DiscussionFilDto,
  DiscussionMessageDto,
  MessageIdParam,
  MessagesQuery,
  DiscussionPersonneDto,
  PersonnesQuery,
  PieceJointeParams,
  UpdateMessageInput,
} from './dto/discussion.dto';

/**
 * The thread beside each item. Every route is open to the signed-in (`@SignedIn`) and checks the
 * item's own access rule on the stored item: whoever reads the item reads and writes its thread.
 */
@ApiTags('discussions')
@ApiErrors(400, 401, 403, 404)
@Controller('discussions')
export class DiscussionsController {
  constructor(private readonly discussions: DiscussionsService) {}

  @Get(':type/:id/messages')
  @SignedIn()
  @ApiOperation({ summary: 'Les messages du fil d’un élément, du plus récent au plus ancien (pagination par curseur)' })
  @ApiOkResponse({ type: DiscussionFilDto })
  list(@User() user: CurrentUser, @Param() params: DiscussionItemParams, @Query() query: MessagesQuery): Promise<DiscussionFilDto> {
    return this.discussions.list(user, params.type, params.id, query);
  }

  @Post(':type/:id/messages')
  @SignedIn()
  @ApiOperation({ summary: 'Publie un message (ou une note interne des services de l’État) sur le fil d’un élément' })
  @ApiCreatedResponse({ type: DiscussionMessageDto })
  post(@User() user: CurrentUser, @Req() request: Request, @Param() params: DiscussionItemParams, @Body() input: CreateMessageInput): Promise<DiscussionMessageDto> {
    return this.discussions.post(user, actorOf(request), params.type, params.id, input);
  }

  @Get(':type/:id/personnes')
  @SignedIn()
  @ApiOperation({ summary: 'Les personnes qui voient l’élément, à mentionner (10 au plus)' })
  @ApiOkResponse({ type: [DiscussionPersonneDto] })
  personnes(@User() user: CurrentUser, @Param() params: DiscussionItemParams, @Query() query: PersonnesQuery): Promise<DiscussionPersonneDto[]> {
    return this.discussions.personnes(user, params.type, params.id, query.q, query.interne === 'true');
  }

  @Patch('messages/:id')
  @SignedIn()
  @ApiOperation({ summary: 'Modifie son message dans les 15 minutes (avec la version lue)' })
  @ApiOkResponse({ type: DiscussionMessageDto })
  @ApiErrors(409)
  update(@User() user: CurrentUser, @Req() request: Request, @Param() params: MessageIdParam, @Body() input: UpdateMessageInput): Promise<DiscussionMessageDto> {
    return this.discussions.update(user, actorOf(request), params.id, input);
  }

  @Delete('messages/:id')
  @SignedIn()
  @ApiOperation({ summary: 'Supprime son message (une trace reste : « Message supprimé », par qui, quand)' })
  @ApiOkResponse({ type: DiscussionMessageDto })
  @ApiErrors(409)
  remove(@User() user: CurrentUser, @Req() request: Request, @Param() params: MessageIdParam, @Query() query: VersionQuery): Promise<DiscussionMessageDto> {
    return this.discussions.remove(user, actorOf(request), params.id, query.version);
  }

  @Post('messages/:id/pieces-jointes')
  @SignedIn()
  @FileUpload('Un document PDF ou bureautique, reconnu par son contenu', { properties: { titre: { type: 'string', description: 'Titre (par défaut : le nom du fichier)' } } })
  @ApiOperation({ summary: 'Joint un document à son message (dans les 15 minutes)' })
  @ApiCreatedResponse({ type: DiscussionMessageDto })
  @ApiErrors(409, 413, 415)
  addPieceJointe(
    @User() user: CurrentUser,
    @Req() request: Request,
    @Param() params: MessageIdParam,
    @Body() input: AddPieceJointeInput,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<DiscussionMessageDto> {
    return this.discussions.addPieceJointe(user, actorOf(request), params.id, file, input.titre);
  }

  @Get('pieces-jointes/:id/contenu')
  @SignedIn()
  @ApiOperation({ summary: 'Télécharge une pièce jointe (pour qui lit son message)' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'Le fichier', schema: { type: 'string', format: 'binary' } })
  async pieceJointe(@User() user: CurrentUser, @Param() params: PieceJointeParams, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const file = await this.discussions.pieceJointe(user, params.id);
    response.setHeader('Cache-Control', 'private, no-store');
    const fileName = safeFileName(file.fileName);
    const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
    return new StreamableFile(file.stream, { type: file.mime, length: file.size, disposition: `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}` });
  }
}

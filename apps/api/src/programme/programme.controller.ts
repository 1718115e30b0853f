import { Body, Controller, Delete, Get, Param, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { RequirePermission } from '../core/auth/access.decorators';
import { actorOf } from '../core/auth/actor';
import { CurrentUser, User } from '../core/auth/current-user';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { NouvelleValeurInput, ParametreIdParam, ParametresDto } from './dto/parametre.dto';
import { ProgrammeParametresService } from './programme-parametres.service';

/** Dated programme parameters: everyone reads them (the subsidy simulation needs them), the ANCT changes them. */
@ApiTags('programme')
@ApiErrors(400, 401, 403)
@Controller('programme/parametres')
export class ProgrammeController {
  constructor(private readonly parametres: ProgrammeParametresService) {}

  @Get()
  @RequirePermission('referentiel:lire')
  @ApiOperation({ summary: 'Paramètres du programme avec toutes leurs valeurs datées' })
  @ApiOkResponse({ type: ParametresDto })
  list(): Promise<ParametresDto> {
    return this.parametres.list();
  }

  @Post()
  @RequirePermission('programme:parametrer')
  @ApiOperation({ summary: 'Prévoit une nouvelle valeur à partir d’une date (aujourd’hui ou plus tard)' })
  @ApiOkResponse({ type: ParametresDto })
  @ApiErrors(409)
  add(@User() user: CurrentUser, @Req() request: Request, @Body() input: NouvelleValeurInput): Promise<ParametresDto> {
    return this.parametres.add(user, actorOf(request), input);
  }

  @Delete(':id')
  @RequirePermission('programme:parametrer')
  @ApiOperation({ summary: 'Annule une valeur qui ne s’applique pas encore' })
  @ApiOkResponse({ type: ParametresDto })
  @ApiErrors(404, 409)
  cancel(@Req() request: Request, @Param() params: ParametreIdParam): Promise<ParametresDto> {
    return this.parametres.cancel(actorOf(request), params.id);
  }
}

import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { AuditService } from '../core/audit/audit.service';
import { RequirePermission } from '../core/auth/access.decorators';
import { actorOf } from '../core/auth/actor';
import { ApiErrors } from '../core/errors/api-errors.decorator';
import { JobsService } from '../core/jobs/jobs.service';
import { todayInFrance } from '../core/time/today';
import { VerificationRappelsDto, VerificationRappelsInput } from './dto/rappels.dto';
import { RAPPELS_JOB } from './rappels.jobs';

/** Reminders, for administrators: run the daily check now, for a given day. */
@ApiTags('rappels')
@ApiErrors(400, 401, 403)
@Controller('rappels')
export class RappelsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Post('verification')
  @RequirePermission('jobs:administrer')
  @HttpCode(202)
  @ApiOperation({ summary: 'Lancer la vérification des rappels pour un jour', description: 'Met en file la vérification quotidienne ; chaque rappel n’est envoyé qu’une fois par occurrence.' })
  @ApiAcceptedResponse({ type: VerificationRappelsDto, description: 'La vérification est en file : son bilan est le résultat de la tâche' })
  async verifier(@Body() input: VerificationRappelsInput, @Req() request: Request): Promise<VerificationRappelsDto> {
    const date = input.date ?? todayInFrance();
    const jobId = await this.dataSource.transaction(async (em) => {
      // One waiting check per day: asking twice for the same day gives the same job.
      const id = await this.jobs.send(RAPPELS_JOB, { asOf: date }, { em, singletonKey: date });
      await this.audit.record(em, actorOf(request), { action: 'job.demandee', entityType: 'job', entityId: id, before: null, after: { name: RAPPELS_JOB, state: 'created' } });
      return id;
    });
    this.jobs.notify(RAPPELS_JOB);
    return { jobId, date };
  }
}

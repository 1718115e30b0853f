import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { RequirePermission } from '../auth/access.decorators';
import { actorOf } from '../auth/actor';
import { ApiErrors } from '../errors/api-errors.decorator';
import { JobDto, JobIdParam, JobPageDto, JobsQuery } from './dto/jobs.dto';
import { JobsService, JobView } from './jobs.service';

/** Background jobs, for administrators: what waits, runs, failed (with the error), and retrying a failed one. */
@ApiTags('jobs')
@ApiErrors(400, 401, 403)
@Controller('jobs')
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get()
  @RequirePermission('jobs:administrer')
  @ApiOkResponse({ type: JobPageDto })
  async list(@Query() query: JobsQuery): Promise<JobPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { items, total } = await this.jobs.list({ state: query.state, name: query.name }, page, pageSize);
    return { items: items.map((j) => this.toDto(j)), total, page, pageSize, names: this.jobs.registered().map((r) => r.name) };
  }

  @Post(':id/reprise')
  @RequirePermission('jobs:administrer')
  @HttpCode(200)
  @ApiOkResponse({ type: JobDto })
  @ApiErrors(404, 409)
  async retry(@Param() params: JobIdParam, @Req() request: Request): Promise<JobDto> {
    const before = await this.jobs.retry(params.id);
    await this.dataSource.transaction((em) =>
      this.audit.record(em, actorOf(request), {
        action: 'job.relancee',
        entityType: 'job',
        entityId: before.id,
        before: { name: before.name, state: before.state, retryCount: before.retryCount, error: before.error },
        after: { name: before.name, state: 'retry' },
      }),
    );
    const after = await this.jobs.get(params.id);
    return this.toDto(after ?? before);
  }

  private toDto(job: JobView): JobDto {
    const label = this.jobs.registered().find((r) => r.name === job.name)?.label ?? job.name;
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    return {
      id: job.id,
      name: job.name,
      label,
      state: job.state,
      createdOn: job.createdOn.toISOString(),
      startAfter: job.startAfter.toISOString(),
      startedOn: iso(job.startedOn),
      completedOn: iso(job.completedOn),
      retryCount: job.retryCount,
      retryLimit: job.retryLimit,
      error: job.error,
      done: job.done,
      total: job.total,
      output: job.output,
      archived: job.archived,
    };
  }
}

import { Controller, Get, Logger, OnModuleInit } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access.decorators';
import { AppError } from '../errors/app-error';
import { ErrorBodyDto } from '../errors/api-errors.decorator';
import { HealthChecks } from './health-checks.service';

export class LivenessDto {
  @ApiProperty({ example: 'ok' }) status!: string;
}

export class HealthDto {
  @ApiProperty({ example: 'ok' }) status!: string;
  @ApiProperty({ example: 'ok', description: 'PostgreSQL answers.' }) database!: string;
  @ApiProperty({ example: 'ok', description: 'The job queue (pg-boss) is started.' }) jobs!: string;
  @ApiProperty({ example: 'ok', description: 'The document store can be read and written.' }) documents!: string;
}

const LABELS: Record<string, string> = { database: 'base de données', jobs: 'file des tâches', documents: 'stockage des documents' };

/**
 * Probes. Liveness (`/api/health/live`): the process answers, nothing else is touched (restart it
 * when this fails). Readiness (`/api/health/ready`, and `/api/health` for existing probes): every
 * dependency answers; 503 SERVICE_NOT_READY otherwise, naming each one down in `fields` with its
 * reason (send it no traffic meanwhile).
 */
@ApiTags('health')
@Controller('health')
export class HealthController implements OnModuleInit {
  private readonly logger = new Logger(HealthController.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly checks: HealthChecks,
  ) {}

  onModuleInit(): void {
    this.checks.register('database', async () => {
      await this.dataSource.query('SELECT 1');
    });
  }

  @Get()
  @Public()
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: ErrorBodyDto, description: 'SERVICE_NOT_READY: `fields` names each dependency down with its reason.' })
  async check(): Promise<HealthDto> {
    return this.ready();
  }

  @Get('live')
  @Public()
  @ApiOkResponse({ type: LivenessDto })
  live(): LivenessDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: ErrorBodyDto, description: 'SERVICE_NOT_READY: `fields` names each dependency down with its reason.' })
  async ready(): Promise<HealthDto> {
    const results = await this.checks.run();
    const down = results.filter((r) => !r.ok);
    if (down.length > 0) {
      this.logger.warn({ down: Object.fromEntries(down.map((r) => [r.name, r.reason])) }, 'not ready');
      throw new AppError(
        'SERVICE_NOT_READY',
        `Indisponible : ${down.map((r) => LABELS[r.name] ?? r.name).join(', ')}.`,
        Object.fromEntries(down.map((r) => [r.name, [r.reason ?? 'indisponible']])),
      );
    }
    return { status: 'ok', ...Object.fromEntries(results.map((r) => [r.name, 'ok'])) } as HealthDto;
  }
}

import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/access.decorators';
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

const NOT_READY = { type: ErrorBodyDto, description: 'SERVICE_NOT_READY: `fields` names each dependency down with its reason.' };

/**
 * Probes. Liveness (`/api/health/live`): the process answers, nothing else is touched (restart it
 * when this fails). Readiness (`/api/health/ready`, and `/api/health` for existing probes): every
 * dependency answers; 503 SERVICE_NOT_READY otherwise, naming each one down in `fields` with its
 * reason (send it no traffic meanwhile).
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly checks: HealthChecks) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse(NOT_READY)
  async check(): Promise<HealthDto> {
    return (await this.checks.readiness()) as unknown as HealthDto;
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
  @ApiServiceUnavailableResponse(NOT_READY)
  async ready(): Promise<HealthDto> {
    return (await this.checks.readiness()) as unknown as HealthDto;
  }
}

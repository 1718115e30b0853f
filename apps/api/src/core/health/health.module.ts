import { Global, Module } from '@nestjs/common';
import { HealthChecks } from './health-checks.service';
import { HealthController } from './health.controller';

/** Liveness and readiness probes, global: any area registers the check of what it depends on. */
@Global()
@Module({
  controllers: [HealthController],
  providers: [HealthChecks],
  exports: [HealthChecks],
})
export class HealthModule {}

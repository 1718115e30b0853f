import { Global, Module } from '@nestjs/common';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';
import { MaintenanceJobs } from './maintenance.jobs';

/**
 * The job queue (pg-boss in the app's database), global: any area injects JobsService to declare
 * handlers and send jobs. Core only: it knows no business area (ADR 0008).
 */
@Global()
@Module({
  controllers: [JobsController],
  providers: [JobsService, MaintenanceJobs],
  exports: [JobsService],
})
export class JobsModule {}

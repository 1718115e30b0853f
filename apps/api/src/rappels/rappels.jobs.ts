import { Injectable, OnModuleInit } from '@nestjs/common';
import { isIsoDay } from '@suivi-pvd/domain';
import { JobsService } from '../core/jobs/jobs.service';
import { todayInFrance } from '../core/time/today';
import { RappelsBilan, RappelsService } from './rappels.service';

export const RAPPELS_JOB = 'rappels.verifier';

/** What the job receives: the calendar day to check (today in France when absent: the scheduled run). */
export interface RappelsJobData {
  asOf?: string;
}

/**
 * The daily reminders check, on the job queue: every morning in French time, and on demand for a
 * given day (administrators, tests). A retried or repeated run sends nothing twice: each
 * occurrence is recorded once (see RappelsService).
 */
@Injectable()
export class RappelsJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly rappels: RappelsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register<RappelsJobData>(RAPPELS_JOB, ({ data }) => this.run(data), {
      label: 'Rappels d’échéances',
      retryLimit: 3,
      retryDelaySeconds: 300,
      expireInSeconds: 15 * 60,
      policy: 'stately',
      schedule: { cron: '7 6 * * *', tz: 'Europe/Paris' },
    });
  }

  run(data: RappelsJobData | null | undefined): Promise<RappelsBilan> {
    const asOf = data?.asOf;
    if (asOf !== undefined && !isIsoDay(asOf)) throw new Error(`asOf must be a calendar day YYYY-MM-DD, got ${String(asOf)}`);
    return this.rappels.verifier(asOf ?? todayInFrance());
  }
}

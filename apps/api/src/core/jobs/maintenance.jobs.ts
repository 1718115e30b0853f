import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JOBS_SCHEMA, JobsService } from './jobs.service';

export const PURGE_SESSIONS_JOB = 'maintenance.purge-sessions';

/**
 * Daily housekeeping of core tables, on the job queue: expired sessions and sign-in requests,
 * rate-limit counters of past windows (the longest window is an hour), and the progress of jobs
 * pg-boss no longer keeps. Each statement is idempotent: a retried run deletes what is left.
 */
@Injectable()
export class MaintenanceJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.jobs.register(PURGE_SESSIONS_JOB, () => this.purge(), {
      label: 'Purge des sessions expirées',
      retryLimit: 3,
      retryDelaySeconds: 60,
      expireInSeconds: 10 * 60,
      policy: 'stately',
      schedule: { cron: '17 3 * * *', tz: 'Europe/Paris' },
    });
  }

  async purge(): Promise<{ sessions: number; connexionsProConnect: number; compteurs: number; avancements: number }> {
    const count = async (sql: string) => ((await this.dataSource.query(sql)) as [unknown[], number])[1];
    return {
      sessions: await count('DELETE FROM user_session WHERE expires_at < now()'),
      connexionsProConnect: await count('DELETE FROM proconnect_request WHERE expires_at < now()'),
      compteurs: await count(`DELETE FROM rate_limit_bucket WHERE window_start < now() - interval '1 day'`),
      avancements: await count(
        `DELETE FROM job_progress p WHERE p.updated_at < now() - interval '7 days'
            AND NOT EXISTS (SELECT 1 FROM ${JOBS_SCHEMA}.job j WHERE j.id = p.job_id)
            AND NOT EXISTS (SELECT 1 FROM ${JOBS_SCHEMA}.archive a WHERE a.id = p.job_id)`,
      ),
    };
  }
}

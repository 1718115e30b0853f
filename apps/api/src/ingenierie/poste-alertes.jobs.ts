import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobsService } from '../core/jobs/jobs.service';
import { todayInFrance } from '../core/time/today';
import { POSTE_ALERTES_JOB, joursTenus, updatePosteAlertes } from './poste-alertes.store';

/**
 * Every evening (French time), the posts' alerts of today and tomorrow are made ready, so that
 * the lists read them at once after midnight; past days are dropped. Idempotent: a retried or
 * repeated run computes only what is missing or marked out of date.
 */
@Injectable()
export class PosteAlertesJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.jobs.register(POSTE_ALERTES_JOB, () => this.run(), {
      label: 'Alertes des postes du lendemain',
      retryLimit: 3,
      retryDelaySeconds: 60,
      expireInSeconds: 10 * 60,
      policy: 'stately',
      schedule: { cron: '30 23 * * *', tz: 'Europe/Paris' },
    });
  }

  run(today = todayInFrance()): Promise<{ recalcules: number; jours: string[] }> {
    return updatePosteAlertes(this.dataSource, joursTenus(today));
  }
}

import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AppError } from '../errors/app-error';
import { HealthChecks } from '../health/health-checks.service';
import { currentLogContext, runWithLogContext } from '../logging/log-context';
import { MetricsService, PoolStats, RunOutcome } from '../metrics/metrics.service';
import { JOB_DEFAULTS, JobContext, JobHandler, JobInterruptedError, JobOptions, yieldToEventLoop } from './job-context';

/** pg-boss keeps its tables in this schema (created and upgraded by pg-boss itself: ADR 0008). */
export const JOBS_SCHEMA = 'pgboss';

export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** One job as the administration page and the business areas see it. */
export interface JobView {
  id: string;
  name: string;
  state: JobState;
  createdOn: Date;
  startAfter: Date;
  startedOn: Date | null;
  completedOn: Date | null;
  /** Runs after the first one (retries and manual retries). */
  retryCount: number;
  retryLimit: number;
  singletonKey: string | null;
  /** The last error (failed, or waiting for a retry), null otherwise. */
  error: string | null;
  /** What the handler returned (completed jobs). */
  output: unknown;
  done: number | null;
  total: number | null;
  /** Moved to pg-boss's archive (finished long ago): read-only. */
  archived: boolean;
}

interface Registered {
  name: string;
  handler: JobHandler<never, never>;
  options: JobOptions;
}

interface Running {
  controller: AbortController;
  name: string;
}

/**
 * Key of the job's data that carries the id of the request that queued it (taken out before the
 * handler sees the data, put on the run's log lines).
 */
const REQUEST_ID_KEY = '_requestId';

/** How many jobs the boss's own pool may hold beside TypeORM's (10). */
const BOSS_POOL_SIZE = 4;

/**
 * First key of the session advisory lock a process holds on each job it runs (second key: the
 * job id's hash). PostgreSQL drops it with the session when the process dies, even by kill -9.
 */
const RUN_LOCK_SPACE = 80_081;
/**
 * Session advisory lock (first key 80082, as the migrations' lock: second key 2) held while a
 * process starts its queue and creates or updates the queues and schedules: processes starting
 * together (replicas, a worker) do it one after the other, since two queues created at once on a
 * fresh database deadlock (pg-boss creates a partition table per queue).
 */
const QUEUE_SETUP_LOCK = [80_082, 2] as const;
/** An active job is judged orphaned only this long after it started (the time for its runner to take its lock). */
const ORPHAN_GRACE_SECONDS = 15;

/**
 * The job queue: one pg-boss instance on the app's database. Business areas declare handlers by
 * name (`register`, usually in `onModuleInit`), send jobs (`send`), and read them (`get`). With
 * JOBS_WORKER=false the process only enqueues; a worker process (`worker.ts`) runs them.
 */
@Injectable()
export class JobsService implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobsService.name);
  private readonly registry = new Map<string, Registered>();
  private readonly workers = new Map<string, string[]>();
  private readonly running = new Map<string, Running>();
  private readonly activations = new Set<Promise<void>>();
  private lastActivation: Promise<void> = Promise.resolve();
  private boss: PgBoss | null = null;
  private started: Promise<void> | null = null;
  private stopping = false;
  private orphanTimer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
    private readonly health: HealthChecks,
  ) {}

  /** Readiness (the queue is started) and metrics (its pool, its depth per queue). */
  onModuleInit(): void {
    this.health.register('jobs', async () => {
      if (this.stopping) throw new Error('file des tâches en cours d’arrêt');
      if (!this.boss) throw new Error('file des tâches non démarrée');
    });
    this.metrics.addPool('jobs', () => (this.boss?.getDb() as unknown as { pool?: PoolStats } | undefined)?.pool ?? null);
    this.metrics.onCollect(() => this.collectQueueDepth());
  }

  /** Jobs waiting or running per queue: one grouped count (finished jobs are archived after two days). */
  private async collectQueueDepth(): Promise<void> {
    const gauge = this.metrics.jobQueue;
    gauge.reset();
    if (!this.boss) return;
    const rows: { name: string; state: string; n: number }[] = await this.dataSource.query(
      `SELECT name, state::text AS state, count(*)::int AS n FROM ${JOBS_SCHEMA}.job
        WHERE state < 'completed' AND name NOT LIKE '\\_\\_pgboss\\_\\_%' GROUP BY name, state`,
    );
    for (const name of this.registry.keys()) for (const state of ['created', 'retry', 'active']) gauge.set({ queue: name, state }, 0);
    for (const row of rows) gauge.set({ queue: row.name, state: row.state }, row.n);
  }

  /** Whether this process runs handlers. */
  get isWorker(): boolean {
    return this.config.jobs.worker;
  }

  /**
   * Declares the handler of jobs named `name` (letters, digits, dots, dashes, underscores). Call it
   * in `onModuleInit`; a later call (tests) activates the queue at once: await `ready()` after it.
   */
  register<T = unknown, C = unknown>(name: string, handler: JobHandler<T, C>, options: JobOptions = {}): void {
    if (!/^[a-z][a-z0-9._-]{1,99}$/.test(name)) throw new Error(`Invalid job name: ${name}`);
    if (this.registry.has(name)) throw new Error(`Job ${name} is registered twice`);
    const registered: Registered = { name, handler: handler as JobHandler<never, never>, options };
    this.registry.set(name, registered);
    if (this.boss) this.track(() => this.activate(registered));
  }

  /** Names and labels of the registered jobs. */
  registered(): { name: string; label: string }[] {
    return [...this.registry.values()].map((r) => ({ name: r.name, label: r.options.label ?? r.name })).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Resolves once the queue is started and every registered job is ready (queues created, workers listening). */
  async ready(): Promise<void> {
    await this.started;
    await this.activated();
  }

  private async activated(): Promise<void> {
    while (this.activations.size > 0) await Promise.all([...this.activations]);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.started = this.start();
    await this.started;
  }

  private async start(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    const worker = this.config.jobs.worker;
    const boss = new PgBoss({
      connectionString: url,
      application_name: 'suivi-pvd-jobs',
      max: BOSS_POOL_SIZE,
      schema: JOBS_SCHEMA,
      // pg-boss creates its schema, or upgrades it, under an advisory lock (ADR 0008).
      migrate: true,
      // Maintenance (expiring jobs of killed processes, archiving) and cron only where jobs run.
      supervise: worker,
      schedule: worker,
      maintenanceIntervalSeconds: this.config.nodeEnv === 'test' ? 1 : 60,
      pollingIntervalSeconds: this.config.jobs.pollingMs / 1000,
      // Schedules: every process that runs jobs looks at them this often, and one at a time sends
      // what is due (a row lock on pg-boss's clock), once per minute slot (a singleton key).
      cronMonitorIntervalSeconds: this.config.jobs.scheduleCheckSeconds,
      cronWorkerIntervalSeconds: Math.min(5, this.config.jobs.scheduleCheckSeconds),
      // Finished jobs stay listed two days (failed ones two weeks, to be retried), then archived for a month.
      archiveCompletedAfterSeconds: 2 * 24 * 3600,
      archiveFailedAfterSeconds: 14 * 24 * 3600,
      deleteAfterDays: 30,
    });
    boss.on('error', (error) => this.logger.error({ err: error }, 'job queue error'));
    const lock = this.dataSource.createQueryRunner();
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1, $2)', [...QUEUE_SETUP_LOCK]);
      await boss.start();
      this.boss = boss;
      for (const registered of this.registry.values()) this.track(() => this.activate(registered));
      await this.activated();
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1, $2)', [...QUEUE_SETUP_LOCK]).catch(() => undefined);
      await lock.release();
    }
    if (worker) {
      await this.recoverOrphans();
      this.orphanTimer = setInterval(() => void this.recoverOrphans(), this.config.nodeEnv === 'test' ? 1000 : 30_000);
      this.orphanTimer.unref();
    }
    this.logger.log({ worker, jobs: [...this.registry.keys()] }, 'Job queue started');
  }

  /**
   * Activations run one after the other: pg-boss creates a queue's partition table, and two
   * queues created at once on a fresh database deadlock each other.
   */
  private track(activate: () => Promise<void>): void {
    const tracked: Promise<void> = this.lastActivation.catch(() => undefined).then(activate).finally(() => this.activations.delete(tracked));
    this.lastActivation = tracked;
    this.activations.add(tracked);
  }

  private async activate({ name, options }: Registered): Promise<void> {
    const boss = this.requireBoss();
    const queue = {
      name,
      policy: options.policy ?? JOB_DEFAULTS.policy,
      retryLimit: options.retryLimit ?? JOB_DEFAULTS.retryLimit,
      retryDelay: options.retryDelaySeconds ?? JOB_DEFAULTS.retryDelaySeconds,
      retryBackoff: options.retryBackoff ?? JOB_DEFAULTS.retryBackoff,
      expireInSeconds: options.expireInSeconds ?? JOB_DEFAULTS.expireInSeconds,
    };
    // Created once; the options follow the code at each start (the policy of an existing queue cannot change).
    if (await boss.getQueue(name)) await boss.updateQueue(name, { ...queue, policy: undefined });
    else await boss.createQueue(name, queue);
    if (options.schedule) await boss.schedule(name, options.schedule.cron, options.schedule.data ?? {}, { tz: options.schedule.tz ?? 'Europe/Paris' });
    if (!this.config.jobs.worker || this.stopping) return;
    const ids: string[] = [];
    for (let i = 0; i < (options.concurrency ?? JOB_DEFAULTS.concurrency); i++) {
      ids.push(await boss.work<object>(name, { batchSize: 1, includeMetadata: true }, ([job]) => this.run(job)));
    }
    this.workers.set(name, ids);
  }

  /** One run of one job: the handler with its context, aborted on shutdown or expiry. */
  private async run(job: PgBoss.JobWithMetadata<object>): Promise<object | void> {
    const registered = this.registry.get(job.name);
    if (!registered) throw new Error(`No handler for job ${job.name}`);
    // Held while the job runs: a process that finds it free knows this runner is dead (recoverOrphans).
    const lock = this.dataSource.createQueryRunner();
    await lock.connect();
    const [{ taken }] = await lock.query('SELECT pg_try_advisory_lock($1, hashtext($2)) AS taken', [RUN_LOCK_SPACE, job.id]);
    if (!taken) {
      await lock.release();
      throw new Error(`Job ${job.id} is still running in another process`);
    }
    const { [REQUEST_ID_KEY]: requestId, ...data } = (job.data ?? {}) as Record<string, unknown>;
    const controller = new AbortController();
    this.running.set(job.id, { controller, name: job.name });
    // Stop a second before pg-boss gives up on the run, so the handler ends at a chunk boundary.
    const expiry = setTimeout(() => controller.abort('délai dépassé'), Math.max(1, job.expireInSeconds - 1) * 1000);
    const started = Date.now();
    const logContext = { ...(typeof requestId === 'string' ? { requestId } : {}), job: job.name, jobId: job.id };
    let outcome: RunOutcome = 'failed';
    try {
      const [stored] = await this.dataSource.query('SELECT checkpoint FROM job_progress WHERE job_id = $1', [job.id]);
      const signal = controller.signal;
      const throwIfInterrupted = () => {
        if (signal.aborted) throw new JobInterruptedError(String(signal.reason ?? 'arrêt'));
      };
      const ctx: JobContext<never, never> = {
        id: job.id,
        name: job.name,
        data: data as never,
        requestId: typeof requestId === 'string' ? requestId : null,
        attempt: job.retryCount + 1,
        checkpoint: (stored?.checkpoint ?? null) as never,
        signal,
        progress: (done, total, options) => this.saveProgress(job.id, job.name, done, total, options?.checkpoint, options?.em),
        throwIfInterrupted,
        pause: async () => {
          await yieldToEventLoop();
          throwIfInterrupted();
        },
      };
      // The handler's log lines carry the job and the request that queued it.
      return await runWithLogContext(logContext, async () => {
        const result = await registered.handler(ctx);
        outcome = 'completed';
        this.logger.log({ attempt: ctx.attempt, ms: Date.now() - started }, 'job completed');
        return result;
      });
    } catch (error) {
      if (error instanceof JobInterruptedError || controller.signal.aborted) outcome = 'interrupted';
      runWithLogContext(logContext, () => this.logger.warn({ err: error, ms: Date.now() - started }, 'job failed'));
      throw error;
    } finally {
      this.metrics.jobDuration.observe({ job: job.name, outcome }, (Date.now() - started) / 1000);
      clearTimeout(expiry);
      this.running.delete(job.id);
      await lock.query('SELECT pg_advisory_unlock($1, hashtext($2))', [RUN_LOCK_SPACE, job.id]).catch(() => undefined);
      await lock.release();
    }
  }

  private async saveProgress(jobId: string, name: string, done: number, total: number | null | undefined, checkpoint: unknown, em?: EntityManager): Promise<void> {
    await (em ?? this.dataSource).query(
      `INSERT INTO job_progress (job_id, name, done, total, checkpoint, updated_at) VALUES ($1, $2, $3, $4, $5::jsonb, now())
       ON CONFLICT (job_id) DO UPDATE SET done = EXCLUDED.done, total = COALESCE(EXCLUDED.total, job_progress.total),
         checkpoint = CASE WHEN $6 THEN EXCLUDED.checkpoint ELSE job_progress.checkpoint END, updated_at = now()`,
      [jobId, name, done, total ?? null, checkpoint === undefined ? null : JSON.stringify(checkpoint), checkpoint !== undefined],
    );
  }

  /**
   * Puts back in the queue the jobs left active by a process that died (kill -9, crash, lost
   * host): their runner's session lock is free. pg-boss alone would wait for their expiry
   * (`expireInSeconds`); here they are failed at once with the reason, which retries them (after
   * their retry delay) while attempts remain. Runs in processes that run jobs, at start and then
   * every 30 s (1 s in tests).
   */
  async recoverOrphans(): Promise<string[]> {
    const boss = this.boss;
    if (!boss || this.stopping) return [];
    try {
      const active: { id: string; name: string }[] = await this.dataSource.query(
        `SELECT id, name FROM ${JOBS_SCHEMA}.job WHERE state = 'active' AND started_on < now() - make_interval(secs => $1) AND name NOT LIKE '\\_\\_pgboss\\_\\_%'`,
        [ORPHAN_GRACE_SECONDS],
      );
      if (active.length === 0) return [];
      const orphans: { id: string; name: string }[] = [];
      const probe = this.dataSource.createQueryRunner();
      await probe.connect();
      try {
        for (const job of active) {
          if (this.running.has(job.id)) continue;
          const [{ free }] = await probe.query('SELECT pg_try_advisory_lock($1, hashtext($2)) AS free', [RUN_LOCK_SPACE, job.id]);
          if (!free) continue;
          await probe.query('SELECT pg_advisory_unlock($1, hashtext($2))', [RUN_LOCK_SPACE, job.id]);
          orphans.push(job);
        }
      } finally {
        await probe.release();
      }
      for (const job of orphans) {
        await boss.fail(job.name, job.id, { message: 'Le processus qui exécutait la tâche s’est arrêté brutalement : elle est relancée.' });
        this.logger.warn({ job: job.name, jobId: job.id }, 'orphaned job put back in the queue');
      }
      return orphans.map((j) => j.id);
    } catch (error) {
      if (!this.stopping) this.logger.error({ err: error }, 'orphaned jobs check failed');
      return [];
    }
  }

  /**
   * Enqueues a job and returns its id. With `em`, the job is inserted in the caller's transaction
   * (it exists only if the transaction commits). With a `singletonKey` on a queue whose policy
   * keeps one job per key, the id of the job already waiting is returned instead.
   */
  async send(name: string, data: object, options: { singletonKey?: string; startAfter?: Date; id?: string; em?: EntityManager } = {}): Promise<string> {
    if (!this.registry.has(name)) throw new Error(`Job ${name} is not registered`);
    await this.ready();
    const boss = this.requireBoss();
    const { em, ...rest } = options;
    // The request that queues the job names it on the run's log lines (worker included).
    const requestId = currentLogContext()?.requestId;
    if (requestId) data = { ...data, [REQUEST_ID_KEY]: requestId };
    const runner = em?.queryRunner;
    if (em && !runner) throw new Error('send({ em }) needs the EntityManager of a transaction');
    const db = runner ? { executeSql: async (text: string, values: unknown[]) => ({ rows: (await runner.query(text, values, true)).records as unknown[] }) } : undefined;
    const id = await boss.send(name, data, { ...rest, ...(db ? { db } : {}) });
    if (id) {
      if (!em) this.notify(name);
      return id;
    }
    const [existing] = await (em ?? this.dataSource).query(
      `SELECT id FROM ${JOBS_SCHEMA}.job WHERE name = $1 AND (id = $2 OR singleton_key = $3) AND state < 'completed' ORDER BY created_on LIMIT 1`,
      [name, options.id ?? null, options.singletonKey ?? null],
    );
    if (!existing) throw new Error(`Job ${name} was not enqueued`);
    return existing.id;
  }

  /**
   * Wakes this process's idle workers of the queue (a job sent here starts at once instead of at
   * the next poll). `send` does it, except with `em`: call it once that transaction committed.
   */
  notify(name: string): void {
    for (const id of this.workers.get(name) ?? []) this.boss?.notifyWorker(id);
  }

  /** A job by id (current or archived), with its progress; null when unknown. */
  async get(id: string): Promise<JobView | null> {
    const { items } = await this.query({ id }, 1, 0);
    return items[0] ?? null;
  }

  /** Jobs, most recent first, internal pg-boss queues left out. */
  async list(filter: { state?: JobState; name?: string }, page: number, pageSize: number): Promise<{ items: JobView[]; total: number }> {
    return this.query(filter, pageSize, (page - 1) * pageSize);
  }

  private async query(filter: { state?: JobState; name?: string; id?: string }, limit: number, offset: number): Promise<{ items: JobView[]; total: number }> {
    await this.ready();
    const columns = `id, name, state::text AS state, created_on, start_after, started_on, completed_on, retry_count, retry_limit, singleton_key, output`;
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `WITH jobs AS (
         SELECT ${columns}, false AS archived FROM ${JOBS_SCHEMA}.job
         UNION ALL
         SELECT ${columns}, true AS archived FROM ${JOBS_SCHEMA}.archive
       )
       SELECT j.*, p.done, p.total, count(*) OVER () AS full_count
         FROM jobs j LEFT JOIN job_progress p ON p.job_id = j.id
        WHERE j.name NOT LIKE '\\_\\_pgboss\\_\\_%'
          AND ($1::text IS NULL OR j.state = $1) AND ($2::text IS NULL OR j.name = $2) AND ($3::uuid IS NULL OR j.id = $3)
        ORDER BY j.created_on DESC, j.id
        LIMIT $4 OFFSET $5`,
      [filter.state ?? null, filter.name ?? null, filter.id ?? null, limit, offset],
    );
    return { items: rows.map(toJobView), total: rows.length > 0 ? Number(rows[0].full_count) : 0 };
  }

  /**
   * Runs a failed job again (pg-boss's retry: one more attempt allowed), at once. Returns the job
   * before the retry, for the audit log.
   */
  async retry(id: string): Promise<JobView> {
    const job = await this.get(id);
    if (!job) throw new AppError('JOB_NOT_FOUND', 'Tâche introuvable.');
    if (job.archived) throw new AppError('JOB_NOT_RETRYABLE', 'Cette tâche est archivée : elle ne peut plus être relancée.');
    if (job.state !== 'failed') throw new AppError('JOB_NOT_RETRYABLE', 'Seule une tâche en échec peut être relancée.');
    const result = (await this.requireBoss().retry(job.name, id)) as unknown as { affected: number };
    if (result.affected !== 1) throw new AppError('JOB_NOT_RETRYABLE', 'La tâche a changé entre-temps : rechargez la liste.');
    this.notify(job.name);
    return job;
  }

  /**
   * Stops taking jobs, asks running handlers to stop at their next chunk (they are retried later
   * from their checkpoint), waits for them a little, then closes the pool. Runs before TypeORM
   * closes its connections, so handlers can finish their transaction.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.orphanTimer) clearInterval(this.orphanTimer);
    await this.started?.catch(() => undefined);
    const boss = this.boss;
    if (!boss) return;
    for (const { controller } of this.running.values()) controller.abort('arrêt du serveur');
    await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    this.boss = null;
    // pg-boss's `offWork` (called by `stop`) keeps checking its workers once a second after `stop`
    // resolves, each check loading a module, until every worker has stopped; a worker stops once its
    // handler has returned. Waiting for our handlers, then for that last check, keeps the process (or
    // a test's environment) from being torn down under it (seen in CI: « Cannot destructure property
    // 'setTimeout' of require(...) »).
    const deadline = Date.now() + 10_000;
    while (this.running.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, OFFWORK_CHECK_MS));
  }

  private requireBoss(): PgBoss {
    if (!this.boss) throw new Error('The job queue is not started');
    return this.boss;
  }
}

/** pg-boss's `offWork` checks its stopping workers every second (manager.js), plus a margin. */
const OFFWORK_CHECK_MS = 1_100;

function errorOf(output: unknown): string | null {
  if (!output || typeof output !== 'object') return null;
  const o = output as { message?: unknown; value?: unknown };
  if (typeof o.message === 'string') return o.message;
  if (typeof o.value === 'string') return o.value;
  if (o.value && typeof o.value === 'object' && typeof (o.value as { message?: unknown }).message === 'string') return (o.value as { message: string }).message;
  return null;
}

function toJobView(row: Record<string, unknown>): JobView {
  const state = row.state as JobState;
  const failing = state === 'failed' || state === 'retry';
  return {
    id: String(row.id),
    name: String(row.name),
    state,
    createdOn: row.created_on as Date,
    startAfter: row.start_after as Date,
    startedOn: (row.started_on as Date | null) ?? null,
    completedOn: (row.completed_on as Date | null) ?? null,
    retryCount: Number(row.retry_count),
    retryLimit: Number(row.retry_limit),
    singletonKey: (row.singleton_key as string | null) ?? null,
    error: failing ? errorOf(row.output) : null,
    output: state === 'completed' ? (row.output ?? null) : null,
    done: row.done === null || row.done === undefined ? null : Number(row.done),
    total: row.total === null || row.total === undefined ? null : Number(row.total),
    archived: Boolean(row.archived),
  };
}

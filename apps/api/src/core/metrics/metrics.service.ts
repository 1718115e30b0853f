import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/** Seconds: from a quick read to a long export. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Seconds: from a small file to a national import. */
const RUN_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800];

/** How a job or an import run ended. */
export type RunOutcome = 'completed' | 'failed' | 'interrupted';
/** How an import run ended: `refused` when its file was (bad header, over a limit). */
export type ImportOutcome = RunOutcome | 'refused';

/** The pg connection pool fields the gauges read (pg.Pool). */
export interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * The process's Prometheus metrics (prom-client), in a registry of its own (an application per
 * test file shares one process): HTTP durations by route pattern, the database pools, the job
 * queue's depth, job and import durations, and Node's defaults (memory, CPU, event loop lag).
 * Read at `/metrics` (create-app.ts, protected: METRICS_TOKEN / METRICS_ALLOW).
 */
@Injectable()
export class MetricsService {
  private readonly logger = new Logger(MetricsService.name);
  readonly registry = new Registry();
  private readonly pools = new Map<string, () => PoolStats | null>();
  private readonly collectors: (() => Promise<void>)[] = [];

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by route pattern (not the raw URL), method and status code.',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'suivi_pvd_job_duration_seconds',
    help: 'Runs of background jobs by job name and outcome (completed, failed, interrupted).',
    labelNames: ['job', 'outcome'] as const,
    buckets: RUN_BUCKETS,
    registers: [this.registry],
  });

  readonly importDuration = new Histogram({
    name: 'suivi_pvd_import_duration_seconds',
    help: 'Partner and national import runs, from reading the file to the last write, by kind (partenaire, national), type and outcome (completed, refused, failed, interrupted).',
    labelNames: ['kind', 'type', 'outcome'] as const,
    buckets: RUN_BUCKETS,
    registers: [this.registry],
  });

  readonly jobQueue = new Gauge({
    name: 'suivi_pvd_job_queue_jobs',
    help: 'Jobs waiting (created, retry) or running (active), by queue.',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  constructor(@InjectDataSource() dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry });
    const pools = this.pools;
    const poolGauge = (name: string, help: string, read: (stats: PoolStats) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['pool'] as const,
        registers: [this.registry],
        collect() {
          this.reset();
          for (const [pool, stats] of pools) {
            const value = stats();
            if (value) this.set({ pool }, read(value));
          }
        },
      });
    poolGauge('suivi_pvd_db_pool_connections', 'Connections open in the PostgreSQL pool (app: TypeORM, jobs: pg-boss).', (s) => s.totalCount);
    poolGauge('suivi_pvd_db_pool_idle_connections', 'Open connections not in use.', (s) => s.idleCount);
    poolGauge('suivi_pvd_db_pool_waiting_clients', 'Queries waiting for a connection (the pool is exhausted when it stays above 0).', (s) => s.waitingCount);
    this.addPool('app', () => (dataSource.driver as unknown as { master?: PoolStats }).master ?? null);
    if (eventLoopStallsWatched()) this.watchStalls();
  }

  /**
   * For the benchmarks only (BENCH_EVENT_LOOP=1, never in production): the longest the event loop
   * stalled since the last scrape, and the CPU time the process used during that stall. On a
   * machine shared with other work, prom-client's `nodejs_eventloop_lag_max_seconds` also counts
   * the time the process waited for a core; a stall whose CPU time is small was such a wait, one
   * whose CPU time is close to its length was this process's own synchronous work.
   */
  private watchStalls(): void {
    const TICK_MS = 5;
    let last = performance.now();
    let lastCpu = process.cpuUsage();
    let max = 0;
    let cpuOfMax = 0;
    let maxCpu = 0;
    setInterval(() => {
      const now = performance.now();
      const cpu = process.cpuUsage();
      const stall = Math.max(0, now - last - TICK_MS);
      const used = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
      if (stall > max) [max, cpuOfMax] = [stall, used];
      if (stall > 0) maxCpu = Math.max(maxCpu, Math.min(used, stall + TICK_MS));
      last = now;
      lastCpu = cpu;
    }, TICK_MS).unref();
    new Gauge({
      name: 'suivi_pvd_bench_eventloop_stall_max_seconds',
      help: 'Benchmarks only: the longest event-loop stall since the last scrape (then reset).',
      registers: [this.registry],
      collect() {
        this.set(max / 1000);
      },
    });
    new Gauge({
      name: 'suivi_pvd_bench_eventloop_stall_cpu_seconds',
      help: 'Benchmarks only: the CPU time the process used during that longest stall.',
      registers: [this.registry],
      collect() {
        this.set(cpuOfMax / 1000);
      },
    });
    new Gauge({
      name: 'suivi_pvd_bench_eventloop_stall_max_cpu_seconds',
      help: 'Benchmarks only: the most CPU time the process used during one stall since the last scrape (then reset): its own longest synchronous run.',
      registers: [this.registry],
      collect() {
        this.set(maxCpu / 1000);
        // The last of the three collected: the window starts again.
        max = 0;
        cpuOfMax = 0;
        maxCpu = 0;
      },
    });
  }

  /** One import run, from `startedAt` (Date.now()) to now. */
  observeImport(kind: 'partenaire' | 'national', type: string, outcome: ImportOutcome, startedAt: number): void {
    this.importDuration.observe({ kind, type, outcome }, (Date.now() - startedAt) / 1000);
  }

  /** A connection pool to report (read at each scrape). */
  addPool(name: string, stats: () => PoolStats | null): void {
    this.pools.set(name, stats);
  }

  /** Work to do before each scrape (refreshing gauges from the database); a failure is logged and skipped. */
  onCollect(collect: () => Promise<void>): void {
    this.collectors.push(collect);
  }

  /** The Prometheus text exposition. */
  async render(): Promise<{ contentType: string; body: string }> {
    await Promise.all(
      this.collectors.map((collect) =>
        collect().catch((error) => this.logger.warn({ err: error }, 'metrics collection failed')),
      ),
    );
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /**
   * Times every HTTP response. The route label is the route's pattern (`/api/pvd/:id`), `static`
   * for the web app's files, `spa` for its pages, `unmatched` for anything else (404s, refusals
   * before routing), so that labels stay few whatever the URLs.
   */
  httpMiddleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const end = this.httpDuration.startTimer();
      res.once('finish', () => {
        const route = (res.locals.metricsRoute as string | undefined) ?? routePattern(req);
        end({ route, method: req.method, status: String(res.statusCode) });
      });
      next();
    };
  }
}

/** Whether the benchmarks' event-loop stall gauges are on: BENCH_EVENT_LOOP=1, outside production. */
export function eventLoopStallsWatched(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.BENCH_EVENT_LOOP === '1' && env.NODE_ENV !== 'production';
}

/** The Express route that answered (Nest registers the full pattern, global prefix included). */
function routePattern(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? path : 'unmatched';
}

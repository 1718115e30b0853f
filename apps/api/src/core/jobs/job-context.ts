import type { EntityManager } from 'typeorm';

/** pg-boss queue policies (see pg-boss docs): how many jobs of one singleton key may wait or run at once. */
export type JobPolicy = 'standard' | 'short' | 'singleton' | 'stately';

/** How a kind of job is run. Defaults: 3 retries, 30 s then doubling, 15 minutes at most per run. */
export interface JobOptions {
  /** Retries after the first failure (0: none). */
  retryLimit?: number;
  /** Seconds before the first retry. */
  retryDelaySeconds?: number;
  /** Doubles the delay at each retry (with jitter). */
  retryBackoff?: boolean;
  /**
   * Longest run: after it the job is aborted (its signal fires) and counted as failed, then
   * retried. It is also how long a job stays "active" after its process was killed before it is
   * retried, so keep it close to the real longest run. Below 24 hours.
   */
  expireInSeconds?: number;
  /** pg-boss queue policy; `stately` keeps one waiting and one running job per singleton key. */
  policy?: JobPolicy;
  /** Jobs of this kind run at once in one process (1 by default). */
  concurrency?: number;
  /** Sends the job on a cron schedule (pg-boss's scheduler: once per minute slot across all processes). */
  schedule?: { cron: string; tz?: string; data?: object };
  /** French label shown on the administration page. */
  label?: string;
}

export const JOB_DEFAULTS = { retryLimit: 3, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 15 * 60, policy: 'standard', concurrency: 1 } as const;

/** Raised inside a handler whose job was interrupted (shutdown or expiry): the job is retried later. */
export class JobInterruptedError extends Error {
  constructor(reason: string) {
    super(`Tâche interrompue (${reason}) : elle reprendra à son dernier point d’étape.`);
    this.name = 'JobInterruptedError';
  }
}

/** What a handler receives for one run of one job. */
export interface JobContext<T = unknown, C = unknown> {
  readonly id: string;
  readonly name: string;
  readonly data: T;
  /** The id of the HTTP request that queued the job (X-Request-Id), null for scheduled jobs. */
  readonly requestId: string | null;
  /** 1 for the first run, then 2, 3… (retries, restarts and manual retries each count one). */
  readonly attempt: number;
  /**
   * The checkpoint saved by an earlier run of this same job (null on the first run): a handler
   * that saved it in the same transaction as its work resumes after the last committed chunk, so
   * an interrupted job never writes a line twice.
   */
  readonly checkpoint: C | null;
  /** Fires when the process stops or the job expires: stop at the next chunk boundary. */
  readonly signal: AbortSignal;
  /**
   * Stores progress (and optionally a checkpoint). With `em`, it is written in the caller's
   * transaction, so work and checkpoint are committed together or not at all.
   */
  progress(done: number, total?: number | null, options?: { checkpoint?: C; em?: EntityManager }): Promise<void>;
  /** Throws JobInterruptedError when the job must stop. */
  throwIfInterrupted(): void;
  /** Lets the event loop serve other work (requests, other jobs), then checks for interruption. Call between chunks. */
  pause(): Promise<void>;
}

export type JobHandler<T = unknown, C = unknown> = (ctx: JobContext<T, C>) => Promise<object | void>;

/** Yields to the event loop (after pending I/O callbacks): long loops call it between chunks. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Processes `items` in chunks from the job's checkpoint: each chunk's work and the next index
 * are committed in one transaction (by `run`, which receives the chunk and must call
 * `ctx.progress(next, total, { checkpoint: { next }, em })` inside its transaction), with a pause
 * between chunks so the event loop stays free.
 */
export async function forEachChunk<T, I>(
  ctx: JobContext<T, { next: number }>,
  items: readonly I[],
  size: number,
  run: (chunk: readonly I[], start: number, next: number) => Promise<void>,
): Promise<void> {
  for (let start = ctx.checkpoint?.next ?? 0; start < items.length; start += size) {
    ctx.throwIfInterrupted();
    const next = Math.min(items.length, start + size);
    await run(items.slice(start, next), start, next);
    await ctx.pause();
  }
}

/**
 * Long loops on the event loop (checking 50,000 lines, building a report): `due()` says when the
 * current turn has run `budgetMs` (10 ms by default) since the last pause, so the loop pauses by
 * time rather than every N items, whatever an item costs. `pause()` yields and starts a new turn.
 *
 *     const slice = timeSlice(pause);
 *     for (const row of rows) { work(row); if (slice.due()) await slice.pause(); }
 */
export interface TimeSlice {
  /** Whether this turn has used its budget. */
  due(): boolean;
  /** Yields (and checks for interruption, with a job's pause), then starts a new turn. */
  pause(): Promise<void>;
}

export function timeSlice(pause: () => Promise<void> = yieldToEventLoop, budgetMs = 10): TimeSlice {
  let since = performance.now();
  return {
    due: () => performance.now() - since >= budgetMs,
    pause: async () => {
      await pause();
      since = performance.now();
    },
  };
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface RateLimitResult {
  allowed: boolean;
  hits: number;
  /** Seconds until the window ends. */
  retryAfter: number;
}

/**
 * Increasing delays after repeated failures (password checks): the first `freeFailures` attempts
 * pass freely; after that each attempt must wait `baseDelaySeconds` × 2^(n − freeFailures), at
 * most `maxDelaySeconds`, after the previous one. Never a lock: the wait is short at first and
 * bounded, and it only concerns the key that failed.
 */
export interface DelayPolicy {
  freeFailures: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** Failures are forgotten this long after the last attempt. */
  forgetAfterSeconds: number;
}

/**
 * The delay SQL for `hits` attempts (parameters $2…$4: freeFailures, base, max).
 * The exponent is capped so that power() never overflows.
 */
const DELAY_SECONDS = (hits: string) =>
  `(CASE WHEN ${hits} < $2 THEN 0 ELSE least($4::float8, $3::float8 * power(2, least(${hits} - $2, 40))) END)`;

/**
 * Rate limiting on PostgreSQL, shared by all replicas; keys are opaque strings chosen by the
 * caller (e.g. `reset:email:<address>`). Two kinds of buckets, never sharing a key:
 * - fixed windows (`hit`, `peek`): `window_start` is the start of the window;
 * - delays (`attempt`, `release`): `window_start` is the time of the last counted attempt, and
 *   the key is free again `delay(hits)` after it.
 */
@Injectable()
export class RateLimitService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Counts one hit for `key` and says whether it is within `limit` per `windowSeconds`. */
  async hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
    const [row]: { hits: number; retry_after: number }[] = await this.dataSource.query(
      `INSERT INTO rate_limit_bucket AS b (key, window_start, hits) VALUES ($1, now(), 1)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN b.window_start <= now() - make_interval(secs => $2) THEN 1 ELSE b.hits + 1 END,
         window_start = CASE WHEN b.window_start <= now() - make_interval(secs => $2) THEN now() ELSE b.window_start END
       RETURNING hits, ceil(extract(epoch FROM (window_start + make_interval(secs => $2) - now())))::int AS retry_after`,
      [key, windowSeconds],
    );
    return { allowed: row.hits <= limit, hits: row.hits, retryAfter: Math.max(1, row.retry_after) };
  }

  /** Whether `key` is over `limit` without counting a hit. */
  async peek(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
    const [row]: { hits: number; retry_after: number }[] = await this.dataSource.query(
      `SELECT hits, ceil(extract(epoch FROM (window_start + make_interval(secs => $2) - now())))::int AS retry_after
         FROM rate_limit_bucket WHERE key = $1 AND window_start > now() - make_interval(secs => $2)`,
      [key, windowSeconds],
    );
    if (!row) return { allowed: true, hits: 0, retryAfter: 0 };
    return { allowed: row.hits < limit, hits: row.hits, retryAfter: Math.max(1, row.retry_after) };
  }

  async reset(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM rate_limit_bucket WHERE key = $1', [key]);
  }

  /**
   * Counts one attempt for `key` unless it must still wait: answers whether it may go on and, if
   * not, how many seconds remain. Atomic (one conditional upsert), so that parallel attempts
   * cannot all slip in before the first failure is recorded: every attempt counts as a failure
   * until the caller `release`s it.
   */
  async attempt(key: string, policy: DelayPolicy): Promise<RateLimitResult> {
    const params = [key, policy.freeFailures, policy.baseDelaySeconds, policy.maxDelaySeconds, policy.forgetAfterSeconds];
    const counted: { hits: number }[] = await this.dataSource.query(
      `INSERT INTO rate_limit_bucket AS b (key, window_start, hits) VALUES ($1, now(), 1)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN b.window_start <= now() - make_interval(secs => $5) THEN 1 ELSE b.hits + 1 END,
         window_start = now()
       WHERE b.window_start <= now() - make_interval(secs => $5)
          -- Within the free failures, whatever the clocks: a concurrent attempt's \`now()\` (its
          -- transaction's start) may be earlier than the \`window_start\` another one just wrote.
          OR b.hits < $2
          OR b.window_start + make_interval(secs => ${DELAY_SECONDS('b.hits')}) <= now()
       RETURNING hits`,
      params,
    );
    if (counted.length > 0) return { allowed: true, hits: counted[0].hits, retryAfter: 0 };
    const [row]: { hits: number; wait: number }[] = await this.dataSource.query(
      `SELECT hits, ceil(extract(epoch FROM (window_start + make_interval(secs => ${DELAY_SECONDS('hits')}) - now())))::int AS wait
         FROM rate_limit_bucket WHERE key = $1`,
      params.slice(0, 4),
    );
    return { allowed: false, hits: row?.hits ?? 0, retryAfter: Math.max(1, row?.wait ?? 1) };
  }

  /** Takes back an attempt counted by `attempt` (it succeeded): the key's failures do not grow. */
  async release(key: string): Promise<void> {
    await this.dataSource.query('UPDATE rate_limit_bucket SET hits = greatest(hits - 1, 0) WHERE key = $1', [key]);
  }

  /** Housekeeping: buckets untouched for a day go (any key, either kind). */
  async purgeStale(): Promise<void> {
    await this.dataSource.query(`DELETE FROM rate_limit_bucket WHERE window_start < now() - interval '1 day'`);
  }
}

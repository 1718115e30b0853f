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
 * Fixed-window rate limiting on PostgreSQL: one atomic upsert per hit, shared by all replicas.
 * Keys are opaque strings chosen by the caller (e.g. `login:email:<address>`).
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
}

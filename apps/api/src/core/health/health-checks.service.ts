import { Injectable } from '@nestjs/common';

/** How long one dependency may take to answer before it is reported down. */
export const CHECK_TIMEOUT_MS = 3000;

/** A dependency's check: resolves when it can serve, rejects with the reason otherwise. */
export type HealthCheck = () => Promise<void>;

export interface CheckResult {
  name: string;
  ok: boolean;
  /** Why it is down (null when up). */
  reason: string | null;
}

/**
 * The dependencies readiness depends on, by name: the database and the job queue (core), the
 * document store (documents). Each area registers its own in `onModuleInit`.
 */
@Injectable()
export class HealthChecks {
  private readonly checks = new Map<string, HealthCheck>();

  register(name: string, check: HealthCheck): void {
    if (this.checks.has(name)) throw new Error(`Health check ${name} is registered twice`);
    this.checks.set(name, check);
  }

  /** Every check at once, each bounded by CHECK_TIMEOUT_MS. */
  async run(): Promise<CheckResult[]> {
    return Promise.all(
      [...this.checks].map(async ([name, check]) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`pas de réponse en ${CHECK_TIMEOUT_MS / 1000} s`)), CHECK_TIMEOUT_MS);
        });
        try {
          await Promise.race([check(), timeout]);
          return { name, ok: true, reason: null };
        } catch (error) {
          return { name, ok: false, reason: error instanceof Error ? error.message : String(error) };
        } finally {
          clearTimeout(timer);
        }
      }),
    );
  }
}

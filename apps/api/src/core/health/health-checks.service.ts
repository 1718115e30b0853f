import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../errors/app-error';

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

/** Readiness when every dependency is up: `{ status: 'ok', database: 'ok', … }`. */
export type Readiness = { status: 'ok' } & Record<string, 'ok'>;

const LABELS: Record<string, string> = { database: 'base de données', jobs: 'file des tâches', documents: 'stockage des documents' };

/**
 * The dependencies readiness depends on, by name: the database (here), the job queue (JobsService)
 * and the document store (DocumentsModule); each area registers its own in `onModuleInit`.
 */
@Injectable()
export class HealthChecks {
  private readonly logger = new Logger(HealthChecks.name);
  private readonly checks = new Map<string, HealthCheck>();

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.register('database', async () => {
      await dataSource.query('SELECT 1');
    });
  }

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

  /** Readiness, or AppError SERVICE_NOT_READY (503) naming in `fields` each dependency down with its reason. */
  async readiness(): Promise<Readiness> {
    const results = await this.run();
    const down = results.filter((r) => !r.ok);
    if (down.length > 0) {
      this.logger.warn({ down: Object.fromEntries(down.map((r) => [r.name, r.reason])) }, 'not ready');
      throw new AppError(
        'SERVICE_NOT_READY',
        `Indisponible : ${down.map((r) => LABELS[r.name] ?? r.name).join(', ')}.`,
        Object.fromEntries(down.map((r) => [r.name, [r.reason ?? 'indisponible']])),
      );
    }
    return { status: 'ok', ...Object.fromEntries(results.map((r) => [r.name, 'ok' as const])) } as Readiness;
  }
}

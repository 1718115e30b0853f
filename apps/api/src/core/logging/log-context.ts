import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while serving a request, or running a job, says about it. */
export interface LogContext {
  /** The HTTP request's id (X-Request-Id), also carried by the jobs it queued. */
  requestId?: string;
  jobId?: string;
  job?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `fn` (and everything it awaits or schedules) with this context on its log lines. */
export function runWithLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The context of the code running now, if any. */
export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}

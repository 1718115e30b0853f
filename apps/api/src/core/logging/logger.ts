import { LoggerService } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { currentLogContext, runWithLogContext } from './log-context';

/** Structured JSON logs (pino), one line per event, each HTTP line carrying its request id. */
export function createRootLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'suivi-pvd-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // A driver's error carries its connection (`err.client`: every setting and type table of the pool
    // client, a few kilobytes per line): logged without it.
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', 'err.client'], remove: true },
  };
  return destination ? pino(options, destination) : pino(options);
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** HTTP access log; reuses a sane incoming X-Request-Id (from a proxy) or makes one, and echoes it. */
export function createHttpLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    // Probes and scrapes, every few seconds: not worth a line each.
    autoLogging: { ignore: (req) => PROBES.has((req.url ?? '').split('?')[0]) },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}

const PROBES = new Set(['/api/health', '/api/health/live', '/api/health/ready', '/metrics']);

/**
 * Gives the rest of the request its id as log context: every line the application logs while
 * serving it (and the jobs it queues: JobsService.send) carries `requestId`. Mount it after the
 * HTTP logger, which sets `req.id`.
 */
export function requestLogContext() {
  return (req: IncomingMessage & { id?: unknown }, _res: ServerResponse, next: () => void) => {
    runWithLogContext({ requestId: req.id === undefined ? undefined : String(req.id) }, next);
  };
}

type Level = 'info' | 'error' | 'warn' | 'debug' | 'trace';

/**
 * Routes NestJS's own log lines into the same JSON stream. Nest calls `log(message, ...params,
 * context)`: an object message becomes fields, and a string among the params its text. Lines
 * written while serving a request or running a job carry its `requestId` (and `jobId`, `job`).
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private write(level: Level, message: unknown, params: unknown[]) {
    const context = params.length > 0 && typeof params.at(-1) === 'string' ? (params.at(-1) as string) : undefined;
    const rest = context === undefined ? params : params.slice(0, -1);
    const text = rest.find((p): p is string => typeof p === 'string');
    const scope = currentLogContext();
    if (message instanceof Error) {
      this.logger[level]({ ...scope, context, err: message }, text ?? message.message);
    } else if (message && typeof message === 'object') {
      this.logger[level]({ ...scope, context, ...(message as object) }, text);
    } else {
      // Nest's error(message, stack, context): keep the stack as a field.
      this.logger[level]({ ...scope, context, ...(level === 'error' && text ? { stack: text } : {}) }, String(message));
    }
  }
  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
}

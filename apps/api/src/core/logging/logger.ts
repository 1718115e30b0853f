import { LoggerService } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

/** Structured JSON logs (pino), one line per event, each HTTP line carrying its request id. */
export function createRootLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'suivi-pvd-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
  });
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
    autoLogging: { ignore: (req) => req.url === '/api/health' },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}

/** Routes NestJS's own log lines into the same JSON stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, context?: string, extra?: unknown) {
    if (message && typeof message === 'object') {
      this.logger[level]({ context, ...(message as object), ...(extra ? { detail: extra } : {}) });
    } else {
      this.logger[level]({ context, ...(extra ? { detail: extra } : {}) }, String(message));
    }
  }
  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params.at(-1) as string | undefined);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params.at(-1) as string | undefined, params.length > 1 ? params[0] : undefined);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params.at(-1) as string | undefined);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params.at(-1) as string | undefined);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params.at(-1) as string | undefined);
  }
}

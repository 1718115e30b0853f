import type { INestApplicationContext } from '@nestjs/common';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { AppConfig } from './core/config/config';
import { toErrorBody } from './core/errors/error.filter';
import { HealthChecks } from './core/health/health-checks.service';
import { metricsEndpoint } from './core/metrics/metrics-endpoint';
import { MetricsService } from './core/metrics/metrics.service';

/**
 * The worker process's own small HTTP server (WORKER_HTTP_PORT): its `/metrics` (job and import
 * durations are counted where jobs run), protected as the API's, and its probes `/health/live`
 * and `/health/ready` (database, job queue, document store), answered as the API's.
 */
export function createWorkerHttp(app: INestApplicationContext, config: AppConfig): Express {
  const server = express();
  server.disable('x-powered-by');
  server.set('trust proxy', config.trustProxy);
  server.use(metricsEndpoint(config.metrics, app.get(MetricsService), config.trustProxy !== false));
  server.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  server.get('/health/ready', async (_req, res, next) => {
    try {
      res.json(await app.get(HealthChecks).readiness());
    } catch (error) {
      next(error);
    }
  });
  server.use((req: Request, res: Response) => {
    res.status(404).json({ statusCode: 404, code: 'ROUTE_NOT_FOUND', message: `Aucune route ${req.method} ${req.path}.` });
  });
  server.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const body = toErrorBody(error, req);
    res.status(body.statusCode).json(body);
  });
  return server;
}

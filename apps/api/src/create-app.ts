import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { AppConfig } from './core/config/config';
import { sqlRecordingDir, sqlRecordingMiddleware } from './core/database/sql-recorder';
import { toErrorBody } from './core/errors/error.filter';
import { inputGuard } from './core/errors/input-guard';
import { createValidationPipe } from './core/errors/validation';
import { serveWebApp } from './core/http/web-app';
import { PublicService } from './public/public.service';
import { createHttpLogger, PinoNestLogger, requestLogContext } from './core/logging/logger';
import { metricsEndpoint } from './core/metrics/metrics-endpoint';
import { MetricsService } from './core/metrics/metrics.service';

export const API_PREFIX = 'api';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Suivi PVD – API')
    .setDescription(
      'API de la plateforme de suivi du programme Petites villes de demain. Authentification par cookie de session ' +
        '(POST /api/auth/login) ; toute requête qui modifie (POST, PUT, PATCH, DELETE) porte l’en-tête X-Requested-With: suivi-pvd. ' +
        'Erreurs : { statusCode, code, message, fields? }.',
    )
    .setVersion('1')
    .addCookieAuth('pvd_session')
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
}

/** Builds the HTTP application: the same for `main.ts` and the integration tests. */
export async function createApp(config: AppConfig, databaseUrl: string, logger: Logger): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
    abortOnError: false,
  });
  // The client's address (rate limits, audit log): the socket's, unless TRUST_PROXY names the
  // reverse proxies whose X-Forwarded-For is believed. Off by default: a client cannot choose it.
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(createHttpLogger(logger));
  app.use(requestLogContext());
  const metrics = app.get(MetricsService);
  app.use(metrics.httpMiddleware());
  // gzip or brotli (by Accept-Encoding) for answers over 1 KB: JSON, CSV, HTML. The web app's
  // files go already compressed (serveWebApp): their Content-Encoding makes this pass them by.
  app.use(compression({ threshold: 1024 }));
  const recordSqlTo = sqlRecordingDir();
  if (recordSqlTo) app.use(sqlRecordingMiddleware(recordSqlTo));
  app.use(
    helmet({
      hsts: config.httpsHeaders,
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'img-src': ["'self'", 'data:'],
          'style-src': ["'self'", "'unsafe-inline'"],
          'font-src': ["'self'", 'data:'],
          'upgrade-insecure-requests': config.httpsHeaders ? [] : null,
        },
      },
    }),
  );
  // Prometheus, outside the API prefix and its session: METRICS_TOKEN or METRICS_ALLOW.
  app.use(metricsEndpoint(config.metrics, metrics, config.trustProxy !== false));
  // The built web app, same origin as the API: its files, then index.html for every other page.
  // Public pages (/programme…) get their own title and social preview tags written in.
  if (existsSync(join(config.webDistDir, 'index.html'))) {
    const publicPages = app.get(PublicService);
    app.use(serveWebApp(config.webDistDir, API_PREFIX, { resolve: (path) => publicPages.pageMeta(path), publicUrl: config.publicUrl }));
  }
  app.use(cookieParser());
  app.use(express.json({ limit: '1mb' }));
  app.use(express.urlencoded({ extended: false, limit: '1mb' }));
  // JSON nested too deep, control characters and lone surrogates: 400 before any guard or pipe.
  app.use(inputGuard());
  // Errors raised by the body parsers, before Nest's filters can see them.
  app.use((error: unknown, request: Request, response: Response, next: NextFunction) => {
    if (!error) return next();
    const body = toErrorBody(error, request);
    response.status(body.statusCode).json(body);
  });
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());

  SwaggerModule.setup(`${API_PREFIX}/docs`, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: `${API_PREFIX}/docs/openapi.json`,
    customSiteTitle: 'Suivi PVD – API',
  });

  await app.init();
  return app;
}

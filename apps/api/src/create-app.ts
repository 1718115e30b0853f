import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
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
import { createHttpLogger, PinoNestLogger } from './core/logging/logger';

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

  // The built web app, same origin as the API: assets, then index.html for every other page.
  const index = join(config.webDistDir, 'index.html');
  if (existsSync(index)) {
    app.use(express.static(config.webDistDir, { index: false, maxAge: '1h' }));
    app.use((request: Request, response: Response, next: NextFunction) => {
      if (request.method !== 'GET' || request.path.startsWith(`/${API_PREFIX}/`) || request.path === `/${API_PREFIX}`) return next();
      response.setHeader('Cache-Control', 'no-cache');
      response.sendFile(index);
    });
  }
  await app.init();
  return app;
}

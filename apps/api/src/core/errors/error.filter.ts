import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { AppError, ErrorBody } from './app-error';
import { ErrorCode } from './error-codes';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
};

const MESSAGE_BY_STATUS: Record<number, string> = {
  400: 'Requête invalide.',
  401: 'Authentification requise.',
  403: 'Accès refusé.',
  404: 'Ressource introuvable.',
  409: 'Conflit avec l’état actuel de la ressource.',
  413: 'Fichier ou requête trop volumineux.',
  415: 'Type de contenu non pris en charge.',
  429: 'Trop de requêtes : réessayez dans un instant.',
};

/** Turns any thrown value into the one error body `{ statusCode, code, message, fields? }`. */
export function toErrorBody(exception: unknown, request?: Request): ErrorBody {
  if (exception instanceof AppError) return exception.toBody();

  // body-parser: malformed JSON, or a body over the limit
  const bodyError = exception as { type?: string; status?: number };
  if (bodyError?.type === 'entity.parse.failed') {
    return { statusCode: 400, code: 'MALFORMED_BODY', message: 'Le corps de la requête n’est pas un JSON valide.' };
  }
  if (bodyError?.type === 'entity.too.large') {
    return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: MESSAGE_BY_STATUS[413] };
  }

  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404 && exception.constructor.name === 'NotFoundException' && request) {
      const response = exception.getResponse() as { message?: string };
      if (typeof response?.message === 'string' && response.message.startsWith('Cannot ')) {
        return { statusCode: 404, code: 'ROUTE_NOT_FOUND', message: `Aucune route ${request.method} ${request.path}.` };
      }
    }
    const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST');
    // Multer's upload errors arrive as 400 with an English reason.
    const reason = (exception.getResponse() as { message?: unknown })?.message;
    if (status === 400 && typeof reason === 'string' && /^Unexpected (file )?field/.test(reason)) {
      return { statusCode: 400, code, message: 'Champ de fichier inattendu : envoyez un seul fichier, dans le champ « fichier ».' };
    }
    return { statusCode: status, code, message: MESSAGE_BY_STATUS[status] ?? 'Erreur interne.' };
  }

  if (exception instanceof QueryFailedError) {
    const pgCode = (exception as QueryFailedError & { code?: string }).code;
    if (pgCode === '22P02' || pgCode === '22007' || pgCode === '22008') {
      return { statusCode: 400, code: 'BAD_REQUEST', message: 'Valeur invalide dans la requête.' };
    }
  }
  const connectionError = exception as { code?: string };
  if (connectionError?.code === 'ECONNREFUSED' || connectionError?.code === '57P01') {
    return { statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: 'La base de données est momentanément indisponible.' };
  }
  return { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Erreur interne : l’incident a été enregistré.' };
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request>();
    const response = context.getResponse<Response>();
    const body = toErrorBody(exception, request);
    // An AppError of 5xx is a state the code recognised (a dependency down): logged where raised.
    if (body.statusCode >= 500 && !(exception instanceof AppError)) {
      this.logger.error({ err: exception, requestId: request?.id, path: request?.path }, 'Unhandled error');
    }
    if (response.headersSent) return;
    response.status(body.statusCode).json(body);
  }
}

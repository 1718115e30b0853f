import type { Request } from 'express';
import type { Actor } from '../audit/audit.service';
import { AppError } from '../errors/app-error';

/** The audit actor of an authenticated request. */
export function actorOf(request: Request): Actor {
  if (!request.user) throw new AppError('UNAUTHENTICATED', 'Connectez-vous pour accéder à cette ressource.');
  return { id: request.user.id, label: request.user.email, requestId: String(request.id ?? '') || null, ip: request.ip ?? null };
}

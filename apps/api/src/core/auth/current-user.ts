import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Membership } from '@suivi-pvd/domain';
import type { Request } from 'express';

/** The signed-in user, as loaded from the sessions table by the access guard. */
export interface CurrentUser {
  id: string;
  email: string;
  displayName: string;
  memberships: Membership[];
  sessionId: string;
  /** How this session was opened. */
  authMethod: 'mot_de_passe' | 'proconnect';
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: CurrentUser;
  }
}

export const User = createParamDecorator((_data: unknown, context: ExecutionContext): CurrentUser | undefined => {
  return context.switchToHttp().getRequest<Request>().user;
});

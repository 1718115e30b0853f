import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError } from '../errors/app-error';
import { DelayPolicy, RateLimitService } from '../rate-limit/rate-limit.service';

/**
 * How password checks are slowed (sign-in, password change: every route that checks a password).
 * Increasing delays, never a lock: the right password from a client that has not failed always
 * works, so nobody can lock someone else out by naming their account.
 */
export const PASSWORD_DELAYS = {
  /** One account from one client: 5 free failures, then 1 s, 2 s, 4 s … up to 15 minutes. */
  pair: { freeFailures: 5, baseDelaySeconds: 1, maxDelaySeconds: 15 * 60, forgetAfterSeconds: 60 * 60 },
  /**
   * One client, whatever the accounts (password spraying): 30 free failures, then 1 s … up to
   * 1 minute, so that people sharing an address (an office behind NAT) are slowed, never shut out.
   */
  client: { freeFailures: 30, baseDelaySeconds: 1, maxDelaySeconds: 60, forgetAfterSeconds: 15 * 60 },
} satisfies Record<string, DelayPolicy>;

/** An attempt let through: the caller says whether the password was right. */
export interface PasswordAttempt {
  /** The password was right: this client's failures for the account are forgotten, and the attempt is not counted. */
  succeeded(): Promise<void>;
}

/** In French, "dans 1 seconde", "dans 8 secondes", "dans 3 minutes". */
export function frenchWait(seconds: number): string {
  if (seconds < 60) return `${seconds} seconde${seconds > 1 ? 's' : ''}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes > 1 ? 's' : ''}`;
}

/** The 429 answer: Retry-After on the response, the French message in the body. */
export function tooManyAttempts(response: Response, retryAfter: number, what: string): AppError {
  response.setHeader('Retry-After', String(retryAfter));
  return new AppError('TOO_MANY_REQUESTS', `${what} Réessayez dans ${frenchWait(retryAfter)}.`);
}

/** The client's address as Express resolved it (the socket's, or X-Forwarded-For per TRUST_PROXY). */
export function clientAddress(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'inconnue';
}

@Injectable()
export class PasswordAttempts {
  constructor(private readonly rateLimit: RateLimitService) {}

  /**
   * Counts an attempt at `account`'s password (its email, lowercased) from `client`, per
   * (account, client) and per client. Every attempt counts as a failure until `succeeded()`,
   * so parallel guesses cannot all pass before the first failure is recorded. Answers the
   * seconds to wait instead when either must still wait.
   */
  async begin(account: string, client: string): Promise<PasswordAttempt | { retryAfter: number }> {
    const pairKey = `password:pair:${account} ${client}`;
    const clientKey = `password:client:${client}`;
    const pair = await this.rateLimit.attempt(pairKey, PASSWORD_DELAYS.pair);
    if (!pair.allowed) return { retryAfter: pair.retryAfter };
    const byClient = await this.rateLimit.attempt(clientKey, PASSWORD_DELAYS.client);
    if (!byClient.allowed) {
      await this.rateLimit.release(pairKey);
      return { retryAfter: byClient.retryAfter };
    }
    // Housekeeping now and then: buckets of addresses nobody uses any more.
    if (Math.random() < 0.01) await this.rateLimit.purgeStale();
    return {
      succeeded: async () => {
        await this.rateLimit.reset(pairKey);
        await this.rateLimit.release(clientKey);
      },
    };
  }
}

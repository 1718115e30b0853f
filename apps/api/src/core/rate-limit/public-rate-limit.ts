import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { clientAddress, tooManyAttempts } from '../auth/password-attempts';
import { RateLimitService } from './rate-limit.service';

/** Requests per address and minute on the routes open without an account: a visitor's pages and downloads pass easily, a scraper waits. */
export const PUBLIC_RATE = { limit: 300, windowSeconds: 60 };

/** One budget per client address shared by every public route (pages, open data, projetothèque, calendar feeds), counted across replicas. */
@Injectable()
export class PublicRateLimit {
  constructor(private readonly rateLimit: RateLimitService) {}

  /** Counts a request of this client; 429 with Retry-After when over the budget. */
  async check(request: Request, response: Response): Promise<void> {
    const hit = await this.rateLimit.hit(`public:${clientAddress(request)}`, PUBLIC_RATE.limit, PUBLIC_RATE.windowSeconds);
    if (!hit.allowed) throw tooManyAttempts(response, hit.retryAfter, 'Trop de requêtes sur les pages publiques.');
  }
}

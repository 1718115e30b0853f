import { Global, Module } from '@nestjs/common';
import { PublicRateLimit } from './public-rate-limit';
import { RateLimitService } from './rate-limit.service';

@Global()
@Module({ providers: [RateLimitService, PublicRateLimit], exports: [RateLimitService, PublicRateLimit] })
export class RateLimitModule {}

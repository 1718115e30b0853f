import { AuditLog } from '../audit/audit.entity';
import { AppUser, ProConnectRequest, UserSession } from '../auth/auth.entities';
import { JobProgress } from '../jobs/job-progress.entity';
import { RateLimitBucket } from '../rate-limit/rate-limit.entity';

/** The platform's own entities (accounts, sessions, audit log, rate limits, jobs), for the application's list (apps/api/src/entities.ts). */
export const CORE_ENTITIES = [AppUser, UserSession, ProConnectRequest, AuditLog, RateLimitBucket, JobProgress];

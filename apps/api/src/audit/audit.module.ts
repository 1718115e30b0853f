import { Global, Module } from '@nestjs/common';
import { AuditReader } from './audit-reader';

/** The audit log in words (histories, journal); the writer, AuditService, is core's (core/audit/audit-log.module.ts). */
@Global()
@Module({ providers: [AuditReader], exports: [AuditReader] })
export class AuditModule {}

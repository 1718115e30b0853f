import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** The audit log writer, for every module: core's (sign-in, jobs) and the areas'. Reading the log is the audit area's. */
@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditLogModule {}

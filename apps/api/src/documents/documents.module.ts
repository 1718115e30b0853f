import { Module, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../core/config/config';
import { HealthChecks } from '../core/health/health-checks.service';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { createDocumentStorage } from './storage/create-document-storage';
import { DocumentStorage } from './storage/document-storage';

@Module({
  controllers: [DocumentsController],
  providers: [
    DocumentsService,
    // Local disk by default; an S3-compatible store with DOCUMENTS_STORAGE=s3.
    { provide: DocumentStorage, useFactory: (config: AppConfig) => createDocumentStorage(config.documentStore), inject: [APP_CONFIG] },
  ],
  exports: [DocumentsService],
})
export class DocumentsModule implements OnModuleInit {
  constructor(
    private readonly health: HealthChecks,
    private readonly storage: DocumentStorage,
  ) {}

  /** Readiness depends on the document store. */
  onModuleInit(): void {
    this.health.register('documents', () => this.storage.check());
  }
}

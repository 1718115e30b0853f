import type { DocumentStoreConfig } from '../../core/config/config';
import { DocumentStorage } from './document-storage';
import { LocalDiskStorage } from './local-disk.storage';
import { S3Storage } from './s3.storage';

/** The storage DOCUMENTS_STORAGE chooses: the app, the backup and the restore use the same one. */
export function createDocumentStorage(config: DocumentStoreConfig): DocumentStorage {
  return config.kind === 's3' ? new S3Storage(config) : new LocalDiskStorage(config.dir);
}

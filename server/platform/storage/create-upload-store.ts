import type { Config } from '../../config.js';
import type { Database } from '../db/client.js';
import { createPostgresUploadStore } from './postgres-upload-store.js';
import { createS3UploadStore } from './s3-upload-store.js';
import { createLocalUploadStore, type UploadStore } from './upload-store.js';

/**
 * The upload store the configuration names. config.ts has already refused a local folder for several
 * instances and s3 without S3_ENDPOINT (files never go to a public cloud by default). See
 * docs/upload-storage.md.
 */
export function createUploadStore(config: Pick<Config, 'uploadStore' | 'uploadDir'>, database: Database): UploadStore {
  const store = config.uploadStore;
  switch (store.kind) {
    case 'local':
      return createLocalUploadStore(config.uploadDir);
    case 'postgres':
      return createPostgresUploadStore(database);
    case 's3':
      return createS3UploadStore(store);
  }
}

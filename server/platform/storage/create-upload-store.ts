import type { Config } from '../../config.js';
import type { Database } from '../db/client.js';
import { createLocalUploadStore, type UploadStore } from './upload-store.js';

/** The upload store the configuration names (config.ts refuses a local folder for several instances). */
export function createUploadStore(config: Pick<Config, 'uploadStore' | 'uploadDir'>, _database: Database): UploadStore {
  switch (config.uploadStore.kind) {
    case 'local':
      return createLocalUploadStore(config.uploadDir);
    case 'postgres':
    case 's3':
      throw new Error(`upload store ${config.uploadStore.kind} is being built (issue 16, item 9)`);
  }
}

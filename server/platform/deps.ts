import type { Config } from '../config.js';
import type { SessionPolicy } from './auth/session-store.js';
import type { KeyProvider } from './crypto/key-provider.js';
import type { Database } from './db/client.js';
import type { JobQueue } from './jobs/job-queue.js';
import type { MailOutbox } from './mail/outbox.js';
import type { SmsSender } from './sms/sms-sender.js';
import type { Antivirus } from './storage/antivirus.js';
import type { UploadStore } from './storage/upload-store.js';

/** What services need from the platform, built once in buildApp and passed down explicitly. */
export interface ServiceDeps {
  config: Config;
  database: Database;
  keys: KeyProvider;
  outbox: MailOutbox;
  sms: SmsSender;
  /** Durable jobs: enqueue after commit (or recover from the tables, see each worker). */
  jobs: JobQueue;
  uploads: UploadStore;
  antivirus: Antivirus;
  sessionPolicy: SessionPolicy;
}

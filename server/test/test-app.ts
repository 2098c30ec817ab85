import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../config.js';
import { startRuntime, type Runtime } from '../runtime.js';
import { openDatabase, type Database } from '../platform/db/client.js';
import { startSmtpCatcher, type SmtpCatcher } from '../platform/mail/smtp-catcher.js';
import { createLocalKeyProvider, type KeyProvider } from '../platform/crypto/key-provider.js';
import { createTestDatabase, usePostgresServer, type TestDatabase } from './test-database.js';

export const TEST_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';

export function testConfig(overrides: Record<string, string> = {}): Config {
  // The inbound SMTP listener takes any free port, so parallel test files never collide.
  return loadConfig({ NODE_ENV: 'test', VIGIE_SECRET: TEST_SECRET, LOG_LEVEL: 'silent', SMTP_URL: 'smtp://127.0.0.1:1', INTAKE_SMTP_PORT: '0', ...overrides });
}

/**
 * Where uploaded bytes go: on the PostgreSQL server, shared storage as production has it with
 * DATABASE_URL (postgres), or VIGIE_TEST_UPLOAD_STORE=local|postgres|s3 (s3 with VIGIE_TEST_S3_ENDPOINT
 * and VIGIE_TEST_S3_BUCKET, e.g. an s3rver); on PGlite, a local folder as a single instance has it.
 */
export function testUploadStoreEnv(): Record<string, string> {
  const kind = process.env.VIGIE_TEST_UPLOAD_STORE ?? (usePostgresServer ? 'postgres' : 'local');
  if (kind !== 's3') return { UPLOAD_STORE: kind };
  const endpoint = process.env.VIGIE_TEST_S3_ENDPOINT;
  const bucket = process.env.VIGIE_TEST_S3_BUCKET;
  if (!endpoint || !bucket) throw new Error('VIGIE_TEST_UPLOAD_STORE=s3 needs VIGIE_TEST_S3_ENDPOINT and VIGIE_TEST_S3_BUCKET');
  // s3rver accepts its fixed development key pair.
  return { UPLOAD_STORE: 's3', S3_ENDPOINT: endpoint, S3_BUCKET: bucket, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' };
}

export interface TestApp {
  app: FastifyInstance;
  /** The application's connection: the application role (vigie_app) on the PostgreSQL server. */
  database: Database;
  /**
   * The owner role's connection (vigie_owner), only for what the application may not do: DDL, or
   * tampering with the audit log. On PGlite, the same database as `database`.
   */
  ownerDatabase: Database;
  /** Connection URL of the application role when running against the PostgreSQL server. */
  url: string | null;
  /** Connection URL of the owner role when running against the PostgreSQL server. */
  ownerUrl: string | null;
  catcher: SmtpCatcher;
  keys: KeyProvider;
  runtime: Runtime;
  /** The local upload store's directory (a fresh temporary one per test database; unused by postgres and s3). */
  uploadDir: string;
  /**
   * How many files the configured upload store holds for this database: files under uploadDir (local)
   * or completed blobs (postgres). Throws for s3, whose bucket every test file shares: assert on the
   * file's key there (`app.services.uploads.get(key)` rejects once it is removed).
   */
  storedUploads(): Promise<number>;
  close(): Promise<void>;
}

/**
 * A complete Vigie on a fresh database with a real SMTP catcher: the same runtime as production, built
 * with the test's own configuration. On the PostgreSQL server the database is migrated by the owner
 * role and the app runs as the application role, as docs/operations.md deploys it. Pass `shared` to
 * start a second instance on the same database.
 */
export async function buildTestApp(options: { env?: Record<string, string>; shared?: TestApp; logStream?: NodeJS.WritableStream } = {}): Promise<TestApp> {
  const testDb: TestDatabase | null = options.shared ? null : await createTestDatabase();
  const url = options.shared ? options.shared.url : testDb!.url;
  const ownerUrl = options.shared ? options.shared.ownerUrl : testDb!.ownerUrl;
  const ownerDatabase = options.shared?.ownerDatabase ?? testDb!.owner;
  // A second instance on a PostgreSQL server gets its own connection pool, as a separate process would.
  const ownPool = options.shared && url ? await openDatabase({ kind: 'pg', url, poolSize: 5 }) : null;
  const database = ownPool ?? options.shared?.database ?? testDb!.database;
  const catcher = options.shared?.catcher ?? (await startSmtpCatcher());
  // Instances sharing a database share the upload store too, as they would in production.
  const uploadDir = options.shared?.uploadDir ?? mkdtempSync(path.join(tmpdir(), 'vigie-uploads-'));
  const config = testConfig({ SMTP_URL: catcher.url, UPLOAD_DIR: uploadDir, ...testUploadStoreEnv(), ...options.env });
  let runtime: Runtime;
  try {
    runtime = await startRuntime(config, { database, webDistDir: 'web/dist', logStream: options.logStream });
  } catch (err) {
    // A refused start (e.g. an outdated schema) must not leave the test's database or catcher behind.
    await ownPool?.close();
    if (!options.shared) {
      await catcher.close();
      await testDb!.drop();
      rmSync(uploadDir, { recursive: true, force: true });
    }
    throw err;
  }
  await runtime.app.ready();
  return {
    app: runtime.app,
    database,
    ownerDatabase,
    url,
    ownerUrl,
    catcher,
    keys: createLocalKeyProvider(TEST_SECRET),
    runtime,
    uploadDir,
    async storedUploads() {
      if (config.uploadStore.kind === 'local') return readdirSync(uploadDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
      if (config.uploadStore.kind === 'postgres') {
        const { rows } = await database.raw.query<{ n: number }>('SELECT count(*)::int AS n FROM upload_blobs');
        return rows[0]!.n;
      }
      throw new Error('storedUploads() cannot count a bucket shared by every test file: assert on the key instead');
    },
    async close() {
      await runtime.close();
      await ownPool?.close();
      if (!options.shared) {
        await catcher.close();
        await testDb!.drop();
        rmSync(uploadDir, { recursive: true, force: true });
      }
    },
  };
}

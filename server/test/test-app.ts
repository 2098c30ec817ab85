import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../config.js';
import { startRuntime, type Runtime } from '../runtime.js';
import { openDatabase, type Database } from '../platform/db/client.js';
import { startSmtpCatcher, type SmtpCatcher } from '../platform/mail/smtp-catcher.js';
import { createLocalKeyProvider, type KeyProvider } from '../platform/crypto/key-provider.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const TEST_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';

export function testConfig(overrides: Record<string, string> = {}): Config {
  // The inbound SMTP listener takes any free port, so parallel test files never collide.
  return loadConfig({ NODE_ENV: 'test', VIGIE_SECRET: TEST_SECRET, LOG_LEVEL: 'silent', SMTP_URL: 'smtp://127.0.0.1:1', INTAKE_SMTP_PORT: '0', ...overrides });
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** Connection URL when running against the PostgreSQL server. */
  url: string | null;
  catcher: SmtpCatcher;
  keys: KeyProvider;
  runtime: Runtime;
  /** The upload store's directory (a fresh temporary one per test database). */
  uploadDir: string;
  close(): Promise<void>;
}

/**
 * A complete Vigie on a fresh database with a real SMTP catcher: the same runtime as production, built
 * with the test's own configuration. Pass `shared` to start a second instance on the same database.
 */
export async function buildTestApp(options: { env?: Record<string, string>; shared?: TestApp; logStream?: NodeJS.WritableStream } = {}): Promise<TestApp> {
  const testDb: TestDatabase | null = options.shared ? null : await createTestDatabase();
  const url = options.shared ? options.shared.url : testDb!.url;
  // A second instance on a PostgreSQL server gets its own connection pool, as a separate process would.
  const ownPool = options.shared && url ? await openDatabase({ kind: 'pg', url, poolSize: 5 }) : null;
  const database = ownPool ?? options.shared?.database ?? testDb!.database;
  const catcher = options.shared?.catcher ?? (await startSmtpCatcher());
  // Instances sharing a database share the upload store too, as they would in production.
  const uploadDir = options.shared?.uploadDir ?? mkdtempSync(path.join(tmpdir(), 'vigie-uploads-'));
  const config = testConfig({ SMTP_URL: catcher.url, UPLOAD_DIR: uploadDir, ...options.env });
  const runtime = await startRuntime(config, { database, webDistDir: 'web/dist', logStream: options.logStream });
  await runtime.app.ready();
  return {
    app: runtime.app,
    database,
    url,
    catcher,
    keys: createLocalKeyProvider(TEST_SECRET),
    runtime,
    uploadDir,
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

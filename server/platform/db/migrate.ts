import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Database } from './client.js';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const MIGRATION_LOCK = 7243001;

export interface MigrationFile {
  version: string;
  sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), sql: readFileSync(path.join(dir, f), 'utf8') }));
}

// Re-applied after every migration run so tables added later are granted too; see docs/operations.md.
const GRANT_APP_ROLE = `
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vigie_app') THEN
    GRANT USAGE ON SCHEMA public TO vigie_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO vigie_app;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO vigie_app;
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM vigie_app;
  END IF;
END
$$;`;

/**
 * Applies every pending migration in one transaction under an advisory lock, so instances starting
 * together never apply a migration twice. Returns the versions applied.
 */
export async function migrate(database: Database, files = listMigrations()): Promise<string[]> {
  return database.rawTransaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await tx.query<{ version: string }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    const pending = files.filter((f) => !applied.has(f.version));
    for (const file of pending) {
      await tx.exec(file.sql);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file.version]);
    }
    await tx.exec(GRANT_APP_ROLE);
    return pending.map((f) => f.version);
  });
}

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { openDatabase, type Database, type RawExecutor } from './client.js';
import { installJobSchema, JOB_SCHEMA, JOB_SCHEMA_VERSION, readJobSchemaState } from '../jobs/job-schema.js';

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

// Run by the owner after every migration run, so tables added later are granted too; default
// privileges cover what the owner creates outside a run (a pg-boss queue partition). The application
// may append to audit_log, never rewrite it. See docs/operations.md.
const GRANT_APP_ROLE = `
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vigie_app') THEN
    GRANT USAGE ON SCHEMA public, ${JOB_SCHEMA} TO vigie_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public, ${JOB_SCHEMA} TO vigie_app;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public, ${JOB_SCHEMA} TO vigie_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public, ${JOB_SCHEMA} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO vigie_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public, ${JOB_SCHEMA} GRANT USAGE, SELECT ON SEQUENCES TO vigie_app;
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM vigie_app;
  END IF;
END
$$;`;

/** What the database holds compared with this code: migrations to apply, unknown ones, pg-boss. */
export interface SchemaState {
  /** Migration files not applied yet. */
  missing: string[];
  /** Versions applied by a newer Vigie, unknown to this code. */
  unknown: string[];
  /** pg-boss: not installed or older (with queues to create) / newer than this code's. */
  jobs: 'current' | 'outdated' | 'newer';
}

/**
 * The database is not at this code's schema. The message is French, for the operator: main.ts prints
 * it and exits with code 1, and the application role never tries to fix it itself.
 */
export class SchemaNotCurrentError extends Error {
  constructor(readonly state: SchemaState) {
    super(describeSchemaState(state));
    this.name = 'SchemaNotCurrentError';
  }
}

function describeSchemaState(state: SchemaState): string {
  if (state.unknown.length > 0 || state.jobs === 'newer') {
    const unknown = state.unknown.length > 0 ? `migrations inconnues de cette version : ${state.unknown.join(', ')}` : 'file des tâches pg-boss plus récente';
    return (
      `La base de données a été migrée par une version plus récente de Vigie (${unknown}).\n` +
      'Cette version refuse de démarrer sur un schéma qu’elle ne connaît pas : déployez la même version, la plus récente, sur toutes les instances.'
    );
  }
  const missing = [...state.missing, ...(state.jobs === 'outdated' ? ['file des tâches (pg-boss)'] : [])];
  return (
    `La base de données n’est pas à jour pour cette version de Vigie. À appliquer : ${missing.join(', ')}.\n` +
    'Lancez « npm run db:migrate » avec le rôle propriétaire de la base (MIGRATION_DATABASE_URL=postgres://vigie_owner@…), puis redémarrez Vigie.\n' +
    'Le rôle de l’application (DATABASE_URL) ne modifie jamais le schéma ; voir docs/operations.md.'
  );
}

const isCurrent = (s: SchemaState) => s.missing.length === 0 && s.unknown.length === 0 && s.jobs === 'current';

/** Compares the database with the migration files and pg-boss, read-only (no DDL, no table created). */
export async function readSchemaState(tx: RawExecutor, files = listMigrations()): Promise<SchemaState> {
  const { rows } = await tx.query<{ present: boolean }>(`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`);
  const applied = new Set(
    rows[0]?.present ? (await tx.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version) : [],
  );
  const known = new Set(files.map((f) => f.version));
  const jobs = await readJobSchemaState(tx);
  return {
    missing: files.filter((f) => !applied.has(f.version)).map((f) => f.version),
    unknown: [...applied].filter((v) => !known.has(v)).sort(),
    jobs:
      jobs.version !== null && jobs.version > JOB_SCHEMA_VERSION
        ? 'newer'
        : jobs.version === JOB_SCHEMA_VERSION && jobs.missingQueues.length === 0
          ? 'current'
          : 'outdated',
  };
}

/** Throws SchemaNotCurrentError unless every migration (and pg-boss) is applied and none is unknown. */
export async function assertSchemaCurrent(database: Database, files = listMigrations()): Promise<void> {
  const state = await readSchemaState(database.raw, files);
  if (!isCurrent(state)) throw new SchemaNotCurrentError(state);
}

// The owner of the schema may migrate; any other role (the application role running a script) may
// only find it current. Before the first migration, whoever may create tables in public is the owner.
async function mayMigrate(tx: RawExecutor): Promise<boolean> {
  const { rows } = await tx.query<{ owner: boolean }>(`
    SELECT CASE WHEN to_regclass('schema_migrations') IS NULL
      THEN has_schema_privilege('public', 'CREATE')
      ELSE pg_has_role((SELECT relowner FROM pg_class WHERE oid = to_regclass('schema_migrations')), 'USAGE')
    END AS owner`);
  return rows[0]?.owner === true;
}

/**
 * Applies every pending migration, installs or upgrades pg-boss's schema and queues, and grants the
 * application role, in one transaction under an advisory lock, so instances starting together never
 * apply a migration twice. Returns the versions applied. Run by a role that does not own the schema,
 * it changes nothing: it returns [] when the schema is current and throws SchemaNotCurrentError
 * otherwise (as it does, for anyone, on a database migrated by a newer Vigie).
 */
export async function migrate(database: Database, files = listMigrations()): Promise<string[]> {
  return database.rawTransaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const state = await readSchemaState(tx, files);
    if (state.unknown.length > 0 || state.jobs === 'newer') throw new SchemaNotCurrentError(state);
    if (!(await mayMigrate(tx))) {
      if (!isCurrent(state)) throw new SchemaNotCurrentError(state);
      return [];
    }
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const pending = files.filter((f) => state.missing.includes(f.version));
    for (const file of pending) {
      await tx.exec(file.sql);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file.version]);
    }
    await installJobSchema(tx);
    await tx.exec(GRANT_APP_ROLE);
    return pending.map((f) => f.version);
  });
}

/**
 * Brings the schema to this code's version at start, or checks it. The embedded database is migrated
 * (one process owns it). On a PostgreSQL server the owner role migrates, over its own short-lived
 * connection, only when migrationDatabaseUrl is set; the application role itself only checks.
 * Throws SchemaNotCurrentError.
 */
export async function prepareSchema(database: Database, migrationDatabaseUrl: string | undefined): Promise<void> {
  if (database.kind === 'pglite') {
    await migrate(database);
    return;
  }
  if (migrationDatabaseUrl) {
    const owner = await openDatabase({ kind: 'pg', url: migrationDatabaseUrl, poolSize: 1 });
    try {
      await migrate(owner);
    } finally {
      await owner.close();
    }
  }
  await assertSchemaCurrent(database);
}

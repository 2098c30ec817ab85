import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { is } from 'drizzle-orm';
import { getTableConfig, integer, PgTable, pgTable, text, uuid, type PgColumn } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';

// The migrations are the source of truth; the Drizzle mirror (schema*.ts) is what the code types its
// queries with. This test keeps the two equal on the migrated database — PGlite with `npm test`, the
// PostgreSQL server with `npm run test:pg` — so a migration that adds, drops, retypes or relaxes a
// column fails here until the mirror says the same.

/** Tables of the public schema no table object mirrors, each with why. */
const UNMIRRORED_TABLES: Record<string, string> = {
  schema_migrations: 'migration bookkeeping, read and written by migrate.ts in raw SQL',
};

/** Columns of mirrored tables the mirror leaves out, as `table.column`, each with why. */
const UNMIRRORED_COLUMNS: Record<string, string> = {};

// Drizzle's SQL type (as getSQLType() spells it, without its parameters) → PostgreSQL's udt_name.
// Statuses and other closed lists are text with a CHECK in the migrations: they map as text.
const UDT_OF_SQL_TYPE: Record<string, string> = {
  uuid: 'uuid',
  text: 'text',
  varchar: 'varchar',
  smallint: 'int2',
  integer: 'int4',
  serial: 'int4',
  bigint: 'int8',
  bigserial: 'int8',
  boolean: 'bool',
  'timestamp with time zone': 'timestamptz',
  timestamp: 'timestamp',
  date: 'date',
  jsonb: 'jsonb',
  json: 'json',
  bytea: 'bytea',
  'double precision': 'float8',
  real: 'float4',
  numeric: 'numeric',
};

interface DatabaseColumn {
  table: string;
  column: string;
  udt: string;
  nullable: boolean;
}

interface MirroredColumn {
  /** The exported table object, e.g. `schema-reports.ts: reports`. */
  source: string;
  table: string;
  column: string;
  udt: string;
  nullable: boolean;
}

/** PostgreSQL's udt_name for a Drizzle column: `_text` for text[], as information_schema names arrays. */
function udtOf(column: PgColumn): string {
  const sqlType = column.getSQLType();
  const dimensions = sqlType.match(/\[\]/g)?.length ?? 0;
  // « timestamp (3) with time zone », « varchar(120) »: the parameters do not change the udt_name.
  const base = sqlType.replace(/\[\]/g, '').replace(/\s*\([^)]*\)/g, '').trim();
  const udt = UDT_OF_SQL_TYPE[base] ?? `unmapped Drizzle type « ${sqlType} »`;
  return dimensions > 0 ? `_${udt}` : udt;
}

/** The columns of the table objects among `exports` (a schema file's exports), tagged with their source. */
function mirrorOf(file: string, exports: Record<string, unknown>): MirroredColumn[] {
  const mirrored: MirroredColumn[] = [];
  for (const [name, value] of Object.entries(exports)) {
    if (!is(value, PgTable)) continue;
    const config = getTableConfig(value);
    const inPrimaryKey = new Set(config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name)));
    for (const column of config.columns) {
      mirrored.push({
        source: `${file}: ${name}`,
        table: config.name,
        column: column.name,
        udt: udtOf(column),
        nullable: !(column.notNull || column.primary || inPrimaryKey.has(column.name)),
      });
    }
  }
  return mirrored;
}

/** Every column of every table object exported by a schema*.ts file of this folder. */
async function loadMirror(): Promise<MirroredColumn[]> {
  const files = readdirSync(import.meta.dirname).filter((f) => /^schema(-[a-z-]+)?\.ts$/.test(f));
  const mirrored: MirroredColumn[] = [];
  for (const file of files) {
    // Found by name rather than imported one by one, so a new schema-<module>.ts is held to the database too.
    const url = pathToFileURL(path.join(import.meta.dirname, file)).href;
    mirrored.push(...mirrorOf(file, (await import(/* @vite-ignore */ url)) as Record<string, unknown>));
  }
  return mirrored;
}

async function readDatabase(database: TestDatabase['owner']): Promise<{ tables: Set<string>; columns: DatabaseColumn[] }> {
  const tables = await database.raw.query<{ table: string }>(
    `SELECT table_name AS "table" FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const columns = await database.raw.query<{ table: string; column: string; udt: string; nullable: boolean }>(
    `SELECT table_name AS "table", column_name AS "column", udt_name AS udt, is_nullable = 'YES' AS nullable
     FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  return { tables: new Set(tables.rows.map((r) => r.table)), columns: columns.rows };
}

const describeType = (c: { udt: string; nullable: boolean }) => `${c.udt} ${c.nullable ? 'NULL' : 'NOT NULL'}`;

/** Every difference, one line each naming the table, the column and what differs. */
function compare(mirror: MirroredColumn[], database: { tables: Set<string>; columns: DatabaseColumn[] }): string[] {
  const drifts: string[] = [];
  const inDatabase = new Map(database.columns.map((c) => [`${c.table}.${c.column}`, c]));
  const mirroredTables = new Set(mirror.map((c) => c.table));
  for (const table of mirroredTables) {
    if (!database.tables.has(table)) drifts.push(`${table}: mirrored (${mirror.find((c) => c.table === table)?.source}) but no such table in the database`);
  }
  for (const column of mirror) {
    if (!database.tables.has(column.table)) continue;
    const actual = inDatabase.get(`${column.table}.${column.column}`);
    if (!actual) drifts.push(`${column.table}.${column.column}: mirrored (${column.source}) but no such column in the database`);
    else if (actual.udt !== column.udt || actual.nullable !== column.nullable) {
      drifts.push(`${column.table}.${column.column}: database ${describeType(actual)}, mirror (${column.source}) ${describeType(column)}`);
    }
  }
  const mirroredColumns = new Set(mirror.map((c) => `${c.table}.${c.column}`));
  for (const table of database.tables) {
    if (!mirroredTables.has(table) && !(table in UNMIRRORED_TABLES)) drifts.push(`${table}: table in the database, not in the Drizzle mirror`);
  }
  for (const column of database.columns) {
    const key = `${column.table}.${column.column}`;
    if (mirroredTables.has(column.table) && !mirroredColumns.has(key) && !(key in UNMIRRORED_COLUMNS)) {
      drifts.push(`${key}: column in the database (${describeType(column)}), not in the Drizzle mirror`);
    }
  }
  return drifts.sort();
}

describe('the drift comparison', () => {
  it('names the table, the column and the difference', () => {
    const mirror = mirrorOf('schema-x.ts', {
      things: pgTable('things', { id: uuid('id').primaryKey(), label: text('label'), tags: text('tags').array().notNull(), gone: integer('gone') }),
      ghosts: pgTable('ghosts', { id: uuid('id').primaryKey() }),
    });
    const database = {
      tables: new Set(['things', 'extra']),
      columns: [
        { table: 'things', column: 'id', udt: 'uuid', nullable: false },
        { table: 'things', column: 'label', udt: 'text', nullable: false },
        { table: 'things', column: 'tags', udt: '_int4', nullable: false },
        { table: 'things', column: 'added', udt: 'jsonb', nullable: true },
        { table: 'extra', column: 'id', udt: 'int8', nullable: false },
      ],
    };
    expect(compare(mirror, database)).toEqual([
      'extra: table in the database, not in the Drizzle mirror',
      'ghosts: mirrored (schema-x.ts: ghosts) but no such table in the database',
      'things.added: column in the database (jsonb NULL), not in the Drizzle mirror',
      'things.gone: mirrored (schema-x.ts: things) but no such column in the database',
      'things.label: database text NOT NULL, mirror (schema-x.ts: things) text NULL',
      'things.tags: database _int4 NOT NULL, mirror (schema-x.ts: things) _text NOT NULL',
    ]);
  });
});

describe('the Drizzle mirror (server/platform/db/schema*.ts) and the migrated database', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('name the same tables and columns, with the same types and nullability', async () => {
    const drifts = compare(await loadMirror(), await readDatabase(t.owner));
    expect(drifts, 'Drizzle mirror ≠ migrated database: fix the schema*.ts file (or list the exception here, with why)').toEqual([]);
  });

  it('leaves out only what the allow-lists name, and they name nothing that is gone', async () => {
    const { tables, columns } = await readDatabase(t.owner);
    const existing = new Set(columns.map((c) => `${c.table}.${c.column}`));
    const stale = [
      ...Object.keys(UNMIRRORED_TABLES).filter((table) => !tables.has(table)),
      ...Object.keys(UNMIRRORED_COLUMNS).filter((column) => !existing.has(column)),
    ];
    expect(stale, 'allow-listed but no longer in the database: remove from the lists').toEqual([]);
  });
});

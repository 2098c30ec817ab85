import pg from 'pg';
import { openDatabase, type Database } from '../server/platform/db/client.js';

/**
 * A scratch database on the PostgreSQL server of `serverUrl`, for a benchmark: benches never load their
 * synthetic rows into a real database. `drop` closes it and drops it, whatever the bench left open.
 */
export async function openScratchPgDatabase(serverUrl: string, name: string, poolSize = 4): Promise<{ database: Database; url: string; drop: () => Promise<void> }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`nom de base de banc invalide : ${name}`);
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'pg', url: url.toString(), poolSize });
  return {
    database,
    url: url.toString(),
    async drop() {
      await database.close();
      await onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

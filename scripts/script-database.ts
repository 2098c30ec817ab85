import path from 'node:path';
import { ConfigError, loadConfig, type Config } from '../server/config.js';
import { openDatabase, type Database } from '../server/platform/db/client.js';

/**
 * The same database the server would open with this environment (embedded PGlite or DATABASE_URL).
 * role 'owner' opens MIGRATION_DATABASE_URL instead when it is set (the schema's owner, for migrations).
 */
export async function openScriptDatabase(options: { role?: 'app' | 'owner' } = {}): Promise<{ config: Config; database: Database }> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const url = (options.role === 'owner' ? config.migrationDatabaseUrl : undefined) ?? config.databaseUrl;
  try {
    const database = await openDatabase(
      url
        ? { kind: 'pg', url, poolSize: 2 }
        : { kind: 'pglite', dataDir: path.join(config.dataDir, 'pg') },
    );
    return { config, database };
  } catch (err) {
    console.error(
      `Impossible d'ouvrir la base de données (${(err as Error).message}).` +
        (url ? '' : '\nLa base embarquée ne peut être ouverte que par un seul processus : arrêtez Vigie avant de lancer ce script.'),
    );
    process.exit(1);
  }
}

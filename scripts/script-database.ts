import path from 'node:path';
import { ConfigError, loadConfig, type Config } from '../server/config.js';
import { openDatabase, type Database } from '../server/platform/db/client.js';

/** The same database the server would open with this environment (embedded PGlite or DATABASE_URL). */
export async function openScriptDatabase(): Promise<{ config: Config; database: Database }> {
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
  try {
    const database = await openDatabase(
      config.databaseUrl
        ? { kind: 'pg', url: config.databaseUrl, poolSize: 2 }
        : { kind: 'pglite', dataDir: path.join(config.dataDir, 'pg') },
    );
    return { config, database };
  } catch (err) {
    console.error(
      `Impossible d'ouvrir la base de données (${(err as Error).message}).` +
        (config.databaseUrl ? '' : '\nLa base embarquée ne peut être ouverte que par un seul processus : arrêtez Vigie avant de lancer ce script.'),
    );
    process.exit(1);
  }
}

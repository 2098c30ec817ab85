// Migrates the database as its owner: MIGRATION_DATABASE_URL, else DATABASE_URL, else the embedded
// database. Also installs pg-boss's schema and grants the application role (vigie_app) its rights.
import { migrate, SchemaNotCurrentError } from '../server/platform/db/migrate.js';
import { openScriptDatabase } from './script-database.js';

const { database } = await openScriptDatabase({ role: 'owner' });
try {
  const applied = await migrate(database);
  console.log(applied.length ? `Migrations appliquées : ${applied.join(', ')}` : 'La base est déjà à jour.');
} catch (err) {
  if (!(err instanceof SchemaNotCurrentError)) throw err;
  console.error(err.message);
  process.exitCode = 1;
} finally {
  await database.close();
}

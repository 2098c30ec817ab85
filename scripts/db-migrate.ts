import { migrate } from '../server/platform/db/migrate.js';
import { openScriptDatabase } from './script-database.js';

const { database } = await openScriptDatabase();
const applied = await migrate(database);
console.log(applied.length ? `Migrations appliquées : ${applied.join(', ')}` : 'La base est déjà à jour.');
await database.close();

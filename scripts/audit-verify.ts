import { verifyAuditChain } from '../server/platform/audit/verify.js';
import { openScriptDatabase } from './script-database.js';

// Exit code 0 when the chain is intact, 2 when an entry was altered or removed.
const { database } = await openScriptDatabase();
const result = await verifyAuditChain(database);
await database.close();
if (result.ok) {
  console.log(`Journal d'audit intègre : ${result.checked} entrées vérifiées.`);
} else {
  const what = result.firstBroken!.problem === 'hash_mismatch' ? 'son contenu a été modifié' : "l'entrée précédente a été modifiée, insérée ou supprimée";
  console.error(`Journal d'audit ROMPU à l'entrée n° ${result.firstBroken!.id} : ${what} (${result.checked} entrées intègres avant elle).`);
  process.exit(2);
}

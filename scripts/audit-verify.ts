import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLocalKeyProvider } from '../server/platform/crypto/key-provider.js';
import { runAuditVerify } from '../server/platform/audit/checkpoint-verify.js';
import { openScriptDatabase } from './script-database.js';

// `npm run audit:verify [-- --since-checkpoint] [--checkpoint-dir DIR]`. Exit code 0 when intact, 2 when
// an entry was altered or removed or a checkpoint was forged, 1 when the asked check could not be made.
let args;
try {
  args = parseArgs({ options: { 'since-checkpoint': { type: 'boolean', default: false }, 'checkpoint-dir': { type: 'string' } } }).values;
} catch (err) {
  console.error(`${(err as Error).message}\nUsage : npm run audit:verify [-- --since-checkpoint] [--checkpoint-dir DOSSIER]`);
  process.exit(1);
}
const { config, database } = await openScriptDatabase();
const withCheckpoint = args['since-checkpoint'] || args['checkpoint-dir'] !== undefined;
// The key that signs checkpoints derives from the server's secret: the same one the server uses
// (VIGIE_SECRET, or the one generated under the data folder in development). Never generate one here.
const secretFile = path.join(config.dataDir, 'secret.key');
const secret = config.secret ?? (existsSync(secretFile) ? readFileSync(secretFile, 'utf8').trim() : undefined);
if (withCheckpoint && !secret) {
  console.error("VIGIE_SECRET absent : la signature des points de contrôle ne peut pas être vérifiée sans le secret du serveur.");
  await database.close();
  process.exit(1);
}
const report = await runAuditVerify(database, {
  keys: withCheckpoint && secret ? createLocalKeyProvider(secret) : undefined,
  checkpointDir: withCheckpoint ? (args['checkpoint-dir'] ?? config.auditCheckpoint.dir) : undefined,
});
await database.close();
for (const line of report.out) console.log(line);
for (const line of report.err) console.error(line);
process.exit(report.exitCode);

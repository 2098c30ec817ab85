import { parseArgs } from 'node:util';
import { migrate } from '../server/platform/db/migrate.js';
import { users, accountTokens } from '../server/platform/db/schema.js';
import { recordAudit } from '../server/platform/audit/audit.js';
import { randomToken, sha256Hex } from '../server/platform/crypto/tokens.js';
import { ZUserCreate } from '../contracts/admin-users.schemas.js';
import { openScriptDatabase } from './script-database.js';

// Creates an administrator and prints a link (valid 72 h) to choose the password: for operators of a
// PostgreSQL deployment, or with the embedded database while Vigie is stopped.
const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, departement: { type: 'string' } } });
const parsed = ZUserCreate.safeParse({ email: values.email ?? '', displayName: values.name ?? '', role: 'admin', departement: values.departement ?? null });
if (!parsed.success) {
  console.error('Usage : npm run admin:create -- --email adresse@exemple.fr --name "Prénom Nom" [--departement 75]');
  for (const issue of parsed.error.issues) console.error(`  - ${issue.path.join('.')} : ${issue.message}`);
  process.exit(1);
}
const { config, database } = await openScriptDatabase();
await migrate(database);
const token = randomToken(32);
try {
  await database.db.transaction(async (tx) => {
    const [admin] = await tx.insert(users).values(parsed.data).returning();
    await tx.insert(accountTokens).values({ userId: admin!.id, purpose: 'invitation', tokenHash: sha256Hex(token), expiresAt: new Date(Date.now() + 72 * 3_600_000) });
    await recordAudit(tx, { actorId: null, actorRole: 'operator', ip: null, requestId: null }, { action: 'admin.user.created', entityType: 'user', entityId: admin!.id, details: { role: 'admin', via: 'cli' } });
  });
} catch (err) {
  console.error(/users_email_key/.test(String((err as Error).message)) ? 'Un compte utilise déjà cette adresse électronique.' : (err as Error).message);
  process.exit(1);
}
await database.close();
console.log(`Administrateur créé. Pour choisir son mot de passe (lien valable 72 heures) :\n  ${config.publicUrl}/reinitialiser-mot-de-passe?token=${token}`);

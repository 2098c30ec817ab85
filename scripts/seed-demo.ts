import { eq } from 'drizzle-orm';
import { migrate } from '../server/platform/db/migrate.js';
import { users } from '../server/platform/db/schema.js';
import { hashPassword } from '../server/platform/auth/passwords.js';
import { recordAudit } from '../server/platform/audit/audit.js';
import { createLocalKeyProvider } from '../server/platform/crypto/key-provider.js';
import { resolveSecret } from '../server/runtime.js';
import { TOTP_SEAL_PURPOSE } from '../server/modules/auth/auth.service.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.js';
import { openScriptDatabase } from './script-database.js';

// Creates (or resets) one account per role in Paris (75) plus national ones, for a first tour of Vigie.
const { config, database } = await openScriptDatabase();
if (config.env === 'production') {
  console.error('Les comptes de démonstration sont refusés en production (NODE_ENV=production).');
  process.exit(1);
}
await migrate(database);
const keys = createLocalKeyProvider(resolveSecret(config));
const passwordHash = await hashPassword(DEMO_PASSWORD);
const operator = { actorId: null, actorRole: 'operator', ip: null, requestId: null };

for (const account of DEMO_ACCOUNTS) {
  const values = {
    email: account.email,
    displayName: account.displayName,
    role: account.role,
    departement: account.departement,
    status: account.status ?? ('active' as const),
    passwordHash,
    totpSecretSealed: account.totpSecret ? keys.seal(account.totpSecret, TOTP_SEAL_PURPOSE) : null,
    totpEnabledAt: account.totpSecret ? new Date() : null,
    totpLastUsedStep: null,
  };
  await database.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, account.email));
    const [row] = existing
      ? await tx.update(users).set({ ...values, updatedAt: new Date() }).where(eq(users.id, existing.id)).returning()
      : await tx.insert(users).values(values).returning();
    await recordAudit(tx, operator, { action: existing ? 'admin.user.updated' : 'admin.user.created', entityType: 'user', entityId: row!.id, details: { via: 'seed:demo', role: account.role } });
  });
}
await database.close();

console.log(`Comptes de démonstration prêts (mot de passe commun : ${DEMO_PASSWORD}) :\n`);
for (const a of DEMO_ACCOUNTS) {
  const twoFa = a.totpSecret ? `2FA : npm run demo:code -- ${a.key}` : 'sans 2FA';
  console.log(`  ${a.email.padEnd(30)} ${a.role.padEnd(11)} ${(a.departement ?? 'national').padEnd(9)} ${a.status === 'disabled' ? 'désactivé' : twoFa}`);
}
console.log('\nLancez « npm start » puis ouvrez http://localhost:3000.');

import { eq } from 'drizzle-orm';
import { migrate } from '../server/platform/db/migrate.js';
import { doctors, users } from '../server/platform/db/schema.js';
import { withRppsCheckDigit } from '../contracts/rpps.js';
import { toSearchText } from '../server/modules/registry/index.js';
import { hashPassword } from '../server/platform/auth/passwords.js';
import { recordAudit } from '../server/platform/audit/audit.js';
import { createLocalKeyProvider } from '../server/platform/crypto/key-provider.js';
import { resolveSecret } from '../server/runtime.js';
import { TOTP_SEAL_PURPOSE } from '../server/modules/auth/index.js';
import { DEMO_ACCOUNTS, DEMO_DOCTORS, DEMO_PASSWORD, demoDoctorEmail } from './demo-accounts.js';
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

// Registry records (created once, identified by RPPS): the doctors alerts are broadcast to.
for (const d of DEMO_DOCTORS) {
  const rpps = withRppsCheckDigit(d.rppsPrefix);
  const account = d.accountKey ? DEMO_ACCOUNTS.find((a) => a.key === d.accountKey) : undefined;
  const [linked] = account ? await database.db.select({ id: users.id }).from(users).where(eq(users.email, account.email)) : [];
  await database.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: doctors.id }).from(doctors).where(eq(doctors.rpps, rpps));
    if (existing) return;
    const [row] = await tx
      .insert(doctors)
      .values({
        rpps,
        birthName: d.birthName,
        firstNames: d.firstNames,
        birthDate: d.birthDate ?? null,
        specialty: d.specialty,
        departement: d.departement,
        status: 'inscrit',
        proAddress: '1 place de la Démonstration',
        proPostalCode: d.postalCode,
        proCity: d.city,
        corrEmail: demoDoctorEmail(d),
        searchText: toSearchText({ usageName: null, birthName: d.birthName, firstNames: d.firstNames, proCity: d.city }),
        userId: linked?.id ?? null,
      })
      .returning({ id: doctors.id });
    await recordAudit(tx, operator, { action: 'registry.import.completed', entityType: 'doctor', entityId: row!.id, details: { via: 'seed:demo' } });
  });
}
await database.close();

console.log(`Comptes de démonstration prêts (mot de passe commun : ${DEMO_PASSWORD}) :\n`);
for (const a of DEMO_ACCOUNTS) {
  const twoFa = a.totpSecret ? `2FA : npm run demo:code -- ${a.key}` : 'sans 2FA';
  console.log(`  ${a.email.padEnd(30)} ${a.role.padEnd(11)} ${(a.departement ?? 'national').padEnd(9)} ${a.status === 'disabled' ? 'désactivé' : twoFa}`);
}
console.log(`\n${DEMO_DOCTORS.length} fiches du tableau de démonstration (adresses en @medecins.demo.vigie.fr : les alertes diffusées arrivent dans ${config.dataDir}/mail/).`);
console.log(`Données : ${config.databaseUrl ? 'serveur PostgreSQL (DATABASE_URL)' : `PostgreSQL embarqué dans ${config.dataDir}/pg`}.`);
// The address Vigie will answer on with the same environment (PORT, PUBLIC_URL), not a fixed one.
console.log(`\nLancez « npm start » puis ouvrez ${config.publicUrl}.`);

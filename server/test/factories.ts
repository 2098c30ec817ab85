import { eq } from 'drizzle-orm';
import { NATIONAL_ONLY_ROLES, type Role } from '../../contracts/roles.js';
import type { Database } from '../platform/db/client.js';
import { auditLog, doctors, users, type DoctorRow, type UserRow } from '../platform/db/schema.js';
import { withRppsCheckDigit } from '../../contracts/rpps.js';
import { toSearchText } from '../modules/registry/index.js';
import { hashPassword } from '../platform/auth/passwords.js';
import { currentTotpCode, generateTotpSecret } from '../platform/auth/totp.js';
import type { KeyProvider } from '../platform/crypto/key-provider.js';
import { TOTP_SEAL_PURPOSE } from '../modules/auth/index.js';

export const DEFAULT_PASSWORD = 'correct horse battery staple';
let counter = 0;

export interface TestUser {
  user: UserRow;
  password: string;
  totpSecret: string | null;
}

/** Inserts an account directly (as the registry or an admin would have), optionally with TOTP on. */
export async function buildUser(
  database: Database,
  keys: KeyProvider,
  options: { role?: Role; departement?: string | null; totp?: boolean; email?: string; status?: 'active' | 'disabled' } = {},
): Promise<TestUser> {
  const role = options.role ?? 'medecin';
  const totpSecret = (options.totp ?? role !== 'medecin') ? generateTotpSecret() : null;
  counter += 1;
  const departement = options.departement === undefined ? (NATIONAL_ONLY_ROLES.includes(role) ? null : '75') : options.departement;
  const [user] = await database.db
    .insert(users)
    .values({
      email: options.email ?? `${role}.${counter}.${Math.random().toString(36).slice(2, 8)}@exemple.fr`,
      displayName: `Test ${role} ${counter}`,
      role,
      departement,
      status: options.status ?? 'active',
      passwordHash: await hashPassword(DEFAULT_PASSWORD),
      totpSecretSealed: totpSecret ? keys.seal(totpSecret, TOTP_SEAL_PURPOSE) : null,
      totpEnabledAt: totpSecret ? new Date() : null,
    })
    .returning();
  return { user: user!, password: DEFAULT_PASSWORD, totpSecret };
}

/**
 * A TOTP code the server has not seen yet for this account: the current step, or the next one (still
 * inside the accepted window) when the current step was already used by an earlier login in the test.
 */
export async function freshTotpCode(database: Database, userId: string, secret: string): Promise<string> {
  const [row] = await database.db.select({ last: users.totpLastUsedStep }).from(users).where(eq(users.id, userId));
  const now = Date.now();
  const step = Math.floor(now / 30_000);
  const last = row?.last ?? -1;
  if (last < step) return currentTotpCode(secret, now);
  if (last === step) return currentTotpCode(secret, now + 30_000);
  throw new Error('no fresh TOTP step left in the window: wait 30 s');
}

export async function auditEntries(database: Database, action?: string) {
  const rows = await database.db.select().from(auditLog).orderBy(auditLog.id);
  return action ? rows.filter((r) => r.action === action) : rows;
}

/** Asserts-by-return: the last audit entry with this action, or throws naming what was expected. */
export async function expectAudited(database: Database, action: string, entityId?: string) {
  const rows = (await auditEntries(database, action)).filter((r) => entityId === undefined || r.entityId === entityId);
  const last = rows.at(-1);
  if (!last) throw new Error(`expected an audit entry ${action}${entityId ? ` on ${entityId}` : ''}`);
  return last;
}

/** Stands for « 30 seconds later »: lets a test use one more TOTP code without waiting for the clock. */
export async function advanceTotpWindow(database: Database, userId: string): Promise<void> {
  await database.db.update(users).set({ totpLastUsedStep: null }).where(eq(users.id, userId));
}

let rppsCounter = 0;
/** Inserts a doctor in the register (as an import would), with valid RPPS and contact details. */
export async function buildDoctor(database: Database, overrides: Partial<typeof doctors.$inferInsert> = {}): Promise<DoctorRow> {
  rppsCounter += 1;
  const base = {
    rpps: withRppsCheckDigit(`1${String(Date.now() % 1e6).padStart(6, '0')}${String(rppsCounter).padStart(3, '0')}`),
    birthName: 'Lefèvre',
    usageName: null,
    firstNames: 'Camille',
    specialty: 'Médecine générale',
    departement: '75',
    status: 'inscrit' as const,
    proAddress: '12 rue de la Santé',
    proPostalCode: '75014',
    proCity: 'Paris',
    corrEmail: `camille.${rppsCounter}.${Math.random().toString(36).slice(2, 7)}@exemple.fr`,
    corrPhone: `+3361234${String(rppsCounter % 10000).padStart(4, '0')}`,
  };
  const values = { ...base, ...overrides };
  const [row] = await database.db
    .insert(doctors)
    .values({ ...values, searchText: toSearchText({ usageName: values.usageName ?? null, birthName: values.birthName, firstNames: values.firstNames, proCity: values.proCity ?? '' }) })
    .returning();
  return row!;
}

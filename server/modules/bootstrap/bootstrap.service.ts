import { and, eq, gt } from 'drizzle-orm';
import type { ServiceDeps } from '../../platform/deps.js';
import type { Database } from '../../platform/db/client.js';
import { bootstrapTokens, users } from '../../platform/db/schema.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { maskEmail, recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import { hashPassword, isPasswordAcceptable } from '../../platform/auth/passwords.js';
import { randomToken, sha256Hex } from '../../platform/crypto/tokens.js';
import type { TBootstrapAdmin } from '../../../contracts/bootstrap.schemas.js';

const TOKEN_HOURS = 24;

async function hasAdmin(database: Database): Promise<boolean> {
  const rows = await database.db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1);
  return rows.length > 0;
}

/**
 * At start, when no administrator exists yet, issues a one-time token (24 h) for the first-administrator
 * page and returns it; returns null once an administrator exists.
 */
export async function issueBootstrapTokenIfNeeded(database: Database): Promise<string | null> {
  if (await hasAdmin(database)) return null;
  const token = randomToken(24);
  await database.db.insert(bootstrapTokens).values({ tokenHash: sha256Hex(token), expiresAt: new Date(Date.now() + TOKEN_HOURS * 3_600_000) });
  return token;
}

/**
 * Creates the first national administrator from the printed link. The token dies with its use, and the
 * page refuses once any administrator exists. Throws TOKEN_INVALID, VALIDATION_FAILED.
 */
export async function createFirstAdmin(deps: ServiceDeps, ctx: AuditContext, input: TBootstrapAdmin): Promise<void> {
  if (!isPasswordAcceptable(input.password, input.email)) throw fieldError('password', 'Le mot de passe ne doit pas reprendre votre adresse électronique.');
  const passwordHash = await hashPassword(input.password);
  await deps.database.db.transaction(async (tx) => {
    const consumed = await tx
      .delete(bootstrapTokens)
      .where(and(eq(bootstrapTokens.tokenHash, sha256Hex(input.token)), gt(bootstrapTokens.expiresAt, new Date())))
      .returning();
    const admins = await tx.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1);
    if (consumed.length === 0 || admins.length > 0) throw new AppError('TOKEN_INVALID');
    await tx.delete(bootstrapTokens);
    const [admin] = await tx
      .insert(users)
      .values({ email: input.email, displayName: input.displayName, role: 'admin', departement: null, passwordHash })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'admin.user.created',
      entityType: 'user',
      entityId: admin!.id,
      details: { email: maskEmail(input.email), role: 'admin', departement: null, via: 'bootstrap' },
    });
  });
}

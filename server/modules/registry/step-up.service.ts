import { and, eq, gt, isNull } from 'drizzle-orm';
import type { ServiceDeps } from '../../platform/deps.js';
import type { Executor } from '../../platform/db/client.js';
import { stepUpTokens } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import { matchTotpStep } from '../../platform/auth/totp.js';
import { randomToken, sha256Hex } from '../../platform/crypto/tokens.js';
import type { RequestSession } from '../../platform/http/request-context.js';
import { claimTotpStep, TOTP_SEAL_PURPOSE } from '../auth/index.js';

export const STEP_UP_MINUTES = 5;

/**
 * Proves a fresh second factor: a current TOTP code (never one already used) yields a single-use token
 * valid 5 minutes, bound to this session. Throws SECOND_FACTOR_NOT_ENABLED, SECOND_FACTOR_INVALID.
 */
export async function grantStepUp(deps: ServiceDeps, ctx: AuditContext, self: RequestSession, code: string): Promise<{ stepUpToken: string; expiresAt: string }> {
  if (!self.user.totpSecretSealed) throw new AppError('SECOND_FACTOR_NOT_ENABLED');
  const step = matchTotpStep(deps.keys.open(self.user.totpSecretSealed, TOTP_SEAL_PURPOSE), code);
  const token = randomToken(32);
  const expiresAt = new Date(Date.now() + STEP_UP_MINUTES * 60_000);
  const granted = await deps.database.db.transaction(async (tx) => {
    if (step === null || !(await claimTotpStep(tx, self.user.id, step))) return false;
    await tx.insert(stepUpTokens).values({ tokenHash: sha256Hex(token), sessionId: self.row.id, expiresAt });
    await recordAudit(tx, ctx, { action: 'auth.step_up.granted', entityType: 'user', entityId: self.user.id });
    return true;
  });
  if (!granted) {
    await recordAudit(deps.database.db, ctx, { action: 'auth.second_factor.failed', entityType: 'user', entityId: self.user.id, details: { purpose: 'step_up' } });
    throw new AppError('SECOND_FACTOR_INVALID');
  }
  return { stepUpToken: token, expiresAt: expiresAt.toISOString() };
}

/** Uses up a step-up token of this session; STEP_UP_REQUIRED when it is unknown, expired, replayed or another session's. */
export async function consumeStepUp(tx: Executor, sessionId: string, token: string): Promise<void> {
  const rows = await tx
    .update(stepUpTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(stepUpTokens.tokenHash, sha256Hex(token)), eq(stepUpTokens.sessionId, sessionId), isNull(stepUpTokens.usedAt), gt(stepUpTokens.expiresAt, new Date())))
    .returning({ hash: stepUpTokens.tokenHash });
  if (rows.length !== 1) throw new AppError('STEP_UP_REQUIRED');
}

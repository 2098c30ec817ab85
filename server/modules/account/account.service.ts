import { roleRequiresSecondFactor } from '../../../contracts/roles.js';
import type { TAccountView, TTotpSetup } from '../../../contracts/account.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import type { UserRow } from '../../platform/db/schema.js';
import type { RequestSession } from '../../platform/http/request-context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import { hashPassword, isPasswordAcceptable, verifyPassword } from '../../platform/auth/passwords.js';
import { describeTotpSecret, generateTotpSecret, matchTotpStep } from '../../platform/auth/totp.js';
import { generateRecoveryCodes } from '../../platform/auth/recovery-codes.js';
import { revokeUserSessions } from '../../platform/auth/session-store.js';
import { passwordChangedMail, secondFactorChangedMail } from '../../platform/mail/account-mails.js';
import { claimTotpStep, findUserById, RECOVERY_HASH_PURPOSE, setPasswordHash, TOTP_SEAL_PURPOSE } from '../auth/index.js';
import * as repo from './account.repo.js';

type Self = RequestSession;

export async function getAccount(deps: ServiceDeps, user: UserRow): Promise<TAccountView> {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    departement: user.departement,
    secondFactorEnabled: !!user.totpEnabledAt,
    secondFactorRequired: roleRequiresSecondFactor(user.role),
    recoveryCodesLeft: await repo.countUnusedRecoveryCodes(deps.database.db, user.id),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

/**
 * Changes the password after checking the current one; other sessions of the account end and its
 * address is notified. Throws PASSWORD_INCORRECT, VALIDATION_FAILED.
 */
export async function changePassword(deps: ServiceDeps, ctx: AuditContext, self: Self, currentPassword: string, newPassword: string): Promise<void> {
  if (!(await verifyPassword(self.user.passwordHash, currentPassword))) throw new AppError('PASSWORD_INCORRECT');
  if (!isPasswordAcceptable(newPassword, self.user.email)) throw fieldError('newPassword', 'Le mot de passe ne doit pas reprendre votre adresse électronique.');
  const passwordHash = await hashPassword(newPassword);
  await deps.database.db.transaction(async (tx) => {
    await setPasswordHash(tx, self.user.id, passwordHash);
    await revokeUserSessions(tx, self.user.id, self.row.id);
    await recordAudit(tx, ctx, { action: 'account.password.changed', entityType: 'user', entityId: self.user.id });
  });
  await deps.outbox.queue(passwordChangedMail(self.user.email, new Date()));
}

/** Draws a new TOTP secret kept pending (sealed) until a code from it is confirmed. */
export async function startTotpSetup(deps: ServiceDeps, ctx: AuditContext, self: Self): Promise<TTotpSetup> {
  if (self.user.totpEnabledAt) throw new AppError('SECOND_FACTOR_ALREADY_ENABLED');
  const secret = generateTotpSecret();
  await deps.database.db.transaction(async (tx) => {
    await repo.setPendingTotpSecret(tx, self.user.id, deps.keys.seal(secret, TOTP_SEAL_PURPOSE));
    await recordAudit(tx, ctx, { action: 'account.totp.setup_started', entityType: 'user', entityId: self.user.id });
  });
  return { secret, ...(await describeTotpSecret(secret, self.user.email)) };
}

/**
 * Enables TOTP once a code from the pending secret checks out and returns ten recovery codes, shown once.
 * A session waiting for enrolment becomes active. Throws SECOND_FACTOR_SETUP_MISSING, SECOND_FACTOR_INVALID.
 */
export async function confirmTotpSetup(deps: ServiceDeps, ctx: AuditContext, self: Self, code: string): Promise<string[]> {
  const user = await findUserById(deps.database.db, self.user.id);
  if (!user?.totpPendingSecretSealed) throw new AppError('SECOND_FACTOR_SETUP_MISSING');
  if (user.totpEnabledAt) throw new AppError('SECOND_FACTOR_ALREADY_ENABLED');
  const step = matchTotpStep(deps.keys.open(user.totpPendingSecretSealed, TOTP_SEAL_PURPOSE), code);
  if (step === null) throw new AppError('SECOND_FACTOR_INVALID');
  const codes = generateRecoveryCodes();
  await deps.database.db.transaction(async (tx) => {
    await repo.enableTotp(tx, user.id, user.totpPendingSecretSealed!, step);
    await repo.replaceRecoveryCodes(tx, user.id, codes.normalized.map((c) => deps.keys.keyedHash(c, RECOVERY_HASH_PURPOSE)));
    if (self.row.state === 'pending_enrollment') await repo.activateSession(tx, self.row.id, user.id);
    await recordAudit(tx, ctx, { action: 'account.totp.enabled', entityType: 'user', entityId: user.id });
  });
  await deps.outbox.queue(secondFactorChangedMail(user.email, 'enabled', new Date()));
  return codes.display;
}

async function assertFreshTotp(deps: ServiceDeps, ctx: AuditContext, user: UserRow, code: string): Promise<void> {
  if (!user.totpSecretSealed) throw new AppError('SECOND_FACTOR_NOT_ENABLED');
  const step = matchTotpStep(deps.keys.open(user.totpSecretSealed, TOTP_SEAL_PURPOSE), code);
  if (step === null || !(await claimTotpStep(deps.database.db, user.id, step))) {
    await recordAudit(deps.database.db, ctx, { action: 'auth.second_factor.failed', entityType: 'user', entityId: user.id });
    throw new AppError('SECOND_FACTOR_INVALID');
  }
}

/**
 * Turns TOTP off, for roles where it is optional, after the password and a current code.
 * Throws SECOND_FACTOR_REQUIRED, PASSWORD_INCORRECT, SECOND_FACTOR_INVALID.
 */
export async function disableTotpForSelf(deps: ServiceDeps, ctx: AuditContext, self: Self, password: string, code: string): Promise<void> {
  if (roleRequiresSecondFactor(self.user.role)) throw new AppError('SECOND_FACTOR_REQUIRED');
  if (!(await verifyPassword(self.user.passwordHash, password))) throw new AppError('PASSWORD_INCORRECT');
  await assertFreshTotp(deps, ctx, self.user, code);
  await deps.database.db.transaction(async (tx) => {
    await repo.disableTotp(tx, self.user.id);
    await recordAudit(tx, ctx, { action: 'account.totp.disabled', entityType: 'user', entityId: self.user.id });
  });
  await deps.outbox.queue(secondFactorChangedMail(self.user.email, 'disabled', new Date()));
}

/** Replaces the recovery codes after a current TOTP code; the old ones stop working. */
export async function regenerateRecoveryCodes(deps: ServiceDeps, ctx: AuditContext, self: Self, code: string): Promise<string[]> {
  await assertFreshTotp(deps, ctx, self.user, code);
  const codes = generateRecoveryCodes();
  await deps.database.db.transaction(async (tx) => {
    await repo.replaceRecoveryCodes(tx, self.user.id, codes.normalized.map((c) => deps.keys.keyedHash(c, RECOVERY_HASH_PURPOSE)));
    await recordAudit(tx, ctx, { action: 'account.recovery_codes.regenerated', entityType: 'user', entityId: self.user.id });
  });
  await deps.outbox.queue(secondFactorChangedMail(self.user.email, 'recovery_codes_regenerated', new Date()));
  return codes.display;
}

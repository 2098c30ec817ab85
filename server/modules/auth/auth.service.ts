import { randomUUID } from 'node:crypto';
import { roleRequiresSecondFactor } from '../../../contracts/roles.js';
import type { TLogin, TSecondFactor } from '../../../contracts/auth.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import type { SessionRow, SessionRowState, UserRow } from '../../platform/db/schema.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { maskEmail, recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import { hashPassword, isPasswordAcceptable, verifyPassword } from '../../platform/auth/passwords.js';
import { matchTotpStep } from '../../platform/auth/totp.js';
import { createSession, deleteSession, revokeUserSessions } from '../../platform/auth/session-store.js';
import { randomToken, sha256Hex } from '../../platform/crypto/tokens.js';
import { newDeviceLoginMail, passwordChangedMail, passwordResetMail, secondFactorChangedMail } from '../../platform/mail/account-mails.js';
import type { RequestSession } from '../../platform/http/request-context.js';
import * as repo from './auth.repo.js';

export const TOTP_SEAL_PURPOSE = 'totp';
export const RECOVERY_HASH_PURPOSE = 'recovery-code';
const PASSWORD_RESET_MINUTES = 30;

// Throttling is per (account, client address): five free attempts, then a lock that doubles from one
// minute up to fifteen. It never locks for good, and an attacker's address does not lock the owner's.
const FREE_ATTEMPTS = 5;
const MAX_LOCK_MINUTES = 15;
export function lockUntilAfter(failures: number, now = Date.now()): Date | null {
  if (failures < FREE_ATTEMPTS) return null;
  const minutes = Math.min(2 ** (failures - FREE_ATTEMPTS), MAX_LOCK_MINUTES);
  return new Date(now + minutes * 60_000);
}

export interface SessionGrant {
  token: string;
  session: SessionRow;
}

function throttleKey(kind: 'login' | 'second_factor', subject: string, ip: string | null) {
  return sha256Hex(`${kind}|${subject}|${ip ?? ''}`);
}

async function assertNotThrottled(deps: ServiceDeps, key: string) {
  const throttle = await repo.findThrottle(deps.database.db, key);
  const lockedUntil = throttle?.lockedUntil?.getTime() ?? 0;
  if (lockedUntil > Date.now()) {
    throw new AppError('LOGIN_THROTTLED', { retryAfterSeconds: Math.ceil((lockedUntil - Date.now()) / 1000) });
  }
}

function stateAfterPassword(user: UserRow): SessionRowState {
  if (user.totpEnabledAt) return 'pending_second_factor';
  return roleRequiresSecondFactor(user.role) ? 'pending_enrollment' : 'active';
}

/**
 * Checks email and password and opens a session whose state says what is still missing (second factor,
 * or its enrolment). Throws INVALID_CREDENTIALS (same answer for unknown email and wrong password),
 * LOGIN_THROTTLED, ACCOUNT_DISABLED.
 */
export async function login(deps: ServiceDeps, ctx: AuditContext, input: TLogin, deviceToken: string): Promise<SessionGrant> {
  const key = throttleKey('login', input.email, ctx.ip);
  await assertNotThrottled(deps, key);
  const user = await repo.findUserByEmail(deps.database.db, input.email);
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !passwordOk) {
    await deps.database.db.transaction(async (tx) => {
      await repo.recordThrottleFailure(tx, key, (n) => lockUntilAfter(n));
      await recordAudit(tx, ctx, { action: 'auth.login.failed', entityType: 'user', entityId: user?.id ?? null, details: { reason: user ? 'bad_password' : 'unknown_account' } });
    });
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
  const state = stateAfterPassword(user);
  const grant = await deps.database.db.transaction(async (tx) => {
    await repo.clearThrottle(tx, key);
    const created = await createSession(tx, user.id, state, deps.sessionPolicy);
    await recordAudit(tx, { ...ctx, actorId: user.id, actorRole: user.role }, { action: 'auth.session.created', entityType: 'user', entityId: user.id, details: { state } });
    if (state === 'active') await repo.setLastLogin(tx, user.id);
    return created;
  });
  if (state === 'active') await notifyIfNewDevice(deps, user, deviceToken);
  return grant;
}

/**
 * Completes a login with a TOTP code or a single-use recovery code, replacing the pending session by a
 * new active one (a fresh id, so a session fixed before login is worthless). Throws
 * SECOND_FACTOR_INVALID (replayed or wrong code), LOGIN_THROTTLED.
 */
export async function verifySecondFactor(
  deps: ServiceDeps,
  ctx: AuditContext,
  pending: RequestSession,
  input: TSecondFactor,
  deviceToken: string,
): Promise<SessionGrant> {
  const { user } = pending;
  const key = throttleKey('second_factor', user.id, ctx.ip);
  await assertNotThrottled(deps, key);
  const usedRecoveryCode = 'recoveryCode' in input;
  const grant = await deps.database.db.transaction(async (tx) => {
    let ok = false;
    if ('code' in input && user.totpSecretSealed) {
      const step = matchTotpStep(deps.keys.open(user.totpSecretSealed, TOTP_SEAL_PURPOSE), input.code);
      ok = step !== null && (await repo.claimTotpStep(tx, user.id, step));
    } else if ('recoveryCode' in input) {
      ok = await repo.consumeRecoveryCode(tx, user.id, deps.keys.keyedHash(input.recoveryCode, RECOVERY_HASH_PURPOSE));
    }
    if (!ok) return null;
    await repo.clearThrottle(tx, key);
    await deleteSession(tx, pending.row.id);
    const created = await createSession(tx, user.id, 'active', deps.sessionPolicy, new Date());
    await repo.setLastLogin(tx, user.id);
    await recordAudit(tx, ctx, { action: 'auth.session.second_factor_verified', entityType: 'user', entityId: user.id, details: { method: usedRecoveryCode ? 'recovery_code' : 'totp' } });
    if (usedRecoveryCode) await recordAudit(tx, ctx, { action: 'account.recovery_code.used', entityType: 'user', entityId: user.id });
    return created;
  });
  if (!grant) {
    await deps.database.db.transaction(async (tx) => {
      await repo.recordThrottleFailure(tx, key, (n) => lockUntilAfter(n));
      await recordAudit(tx, ctx, { action: 'auth.second_factor.failed', entityType: 'user', entityId: user.id });
    });
    throw new AppError('SECOND_FACTOR_INVALID');
  }
  if (usedRecoveryCode) await deps.outbox.queue(secondFactorChangedMail(user.email, 'recovery_code_used', new Date()));
  await notifyIfNewDevice(deps, user, deviceToken);
  return grant;
}

async function notifyIfNewDevice(deps: ServiceDeps, user: UserRow, deviceToken: string) {
  const isNew = await repo.rememberDevice(deps.database.db, user.id, sha256Hex(deviceToken));
  if (isNew) await deps.outbox.queue(newDeviceLoginMail(user.email, new Date()));
}

export async function logout(deps: ServiceDeps, ctx: AuditContext, session: SessionRow): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    await deleteSession(tx, session.id);
    await recordAudit(tx, ctx, { action: 'auth.session.ended', entityType: 'user', entityId: session.userId });
  });
}

/** What is left to do once the answer to a reset request has gone out. */
export type AfterResetAnswer = () => Promise<void>;

/**
 * Records a reset request and, when the address belongs to an active account still under its hourly
 * limit (config.passwordResetPerAccountPerHour, whatever address or IP asks), a single-use link valid
 * 30 minutes. The work before the answer has one shape whatever the account (a token drawn and hashed,
 * the same three statements, one audit row), so neither the answer nor its timing tells who has an
 * account or that the limit was hit; the mail is queued by the returned step, after the answer.
 */
export async function requestPasswordReset(deps: ServiceDeps, ctx: AuditContext, email: string): Promise<AfterResetAnswer> {
  const user = await repo.findUserByEmail(deps.database.db, email);
  const token = randomToken(32);
  const tokenHash = sha256Hex(token);
  const created = await deps.database.db.transaction(async (tx) => {
    const made = await repo.createPasswordResetTokenIfAllowed(tx, {
      // A fresh random id for an unknown address: the statements run alike and match nothing.
      userId: user?.id ?? randomUUID(),
      tokenHash,
      expiresAt: new Date(Date.now() + PASSWORD_RESET_MINUTES * 60_000),
      perHour: deps.config.passwordResetPerAccountPerHour,
    });
    const outcome = !user ? 'unknown_account' : user.status !== 'active' ? 'inactive_account' : made ? 'link_sent' : 'hourly_limit_reached';
    await recordAudit(tx, ctx, {
      action: 'account.password_reset.requested',
      entityType: 'user',
      entityId: user?.id ?? null,
      details: { outcome, ...(user ? {} : { email: maskEmail(email) }) },
    });
    return made;
  });
  if (!created || !user) return async () => undefined;
  const mail = passwordResetMail(user.email, `${deps.config.publicUrl}/reinitialiser-mot-de-passe?token=${token}`);
  return () => deps.outbox.queue(mail);
}

/**
 * Sets a new password from an emailed link (reset or invitation), ends every session of the account and
 * notifies its address. Throws TOKEN_INVALID (unknown, expired or used), PASSWORD_TOO_WEAK.
 */
export async function confirmPasswordReset(deps: ServiceDeps, ctx: AuditContext, token: string, password: string): Promise<void> {
  const tokenHash = sha256Hex(token);
  const candidate = await repo.findValidAccountToken(deps.database.db, tokenHash);
  const user = candidate ? await repo.findUserById(deps.database.db, candidate.userId) : null;
  if (!candidate || !user || user.status !== 'active') throw new AppError('TOKEN_INVALID');
  if (!isPasswordAcceptable(password, user.email)) throw fieldError('password', 'Le mot de passe ne doit pas reprendre votre adresse électronique.');
  const passwordHash = await hashPassword(password);
  await deps.database.db.transaction(async (tx) => {
    const consumed = await repo.consumeAccountToken(tx, tokenHash);
    if (!consumed) throw new AppError('TOKEN_INVALID');
    await repo.setPasswordHash(tx, user.id, passwordHash);
    await revokeUserSessions(tx, user.id);
    await recordAudit(tx, { ...ctx, actorId: user.id, actorRole: user.role }, { action: 'account.password_reset.completed', entityType: 'user', entityId: user.id, details: { purpose: consumed.purpose } });
  });
  await deps.outbox.queue(passwordChangedMail(user.email, new Date()));
}

import type { TUserCreate, TUserListQuery, TUserUpdate, TUserView } from '../../../contracts/admin-users.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import type { UserRow } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { assertInScope, type Actor } from '../../platform/authz/policy.js';
import { maskEmail, recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import { revokeUserSessions } from '../../platform/auth/session-store.js';
import { randomToken, sha256Hex } from '../../platform/crypto/tokens.js';
import { invitationMail, secondFactorChangedMail } from '../../platform/mail/account-mails.js';
import { createAccountToken, findUserByEmail, findUserById } from '../auth/index.js';
import { disableTotp } from '../account/index.js';
import { assertCanAssign } from './admin-users.policy.js';
import * as repo from './admin-users.repo.js';

const INVITATION_HOURS = 72;

/**
 * What an administrator reads of an account. « Logged in » is a complete login: `last_login_at` is set
 * by a login that ends active, and a first login that enrols the second factor sets `totp_enabled_at`.
 */
export function toUserView(user: UserRow, invitationSentAt: Date | null): TUserView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    departement: user.departement,
    status: user.status,
    secondFactorEnabled: !!user.totpEnabledAt,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    hasLoggedIn: user.lastLoginAt !== null || user.totpEnabledAt !== null,
    invitationSentAt: invitationSentAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

export async function listUsers(deps: ServiceDeps, actor: Actor, query: TUserListQuery) {
  const { items, total } = await repo.listUsers(deps.database.db, query, actor.departement);
  return { items: items.map((row) => toUserView(row.user, row.invitationSentAt)), total, page: query.page, pageSize: repo.PAGE_SIZE };
}

/** A user the actor may manage; NOT_FOUND otherwise, so other départements' accounts stay invisible. */
async function loadManagedUser(deps: ServiceDeps, actor: Actor, id: string): Promise<UserRow> {
  const user = await findUserById(deps.database.db, id);
  if (!user) throw new AppError('NOT_FOUND');
  assertInScope(actor, user.departement);
  return user;
}

/**
 * Creates an account without a password and emails its owner a link to choose one (valid 72 h).
 * Throws EMAIL_TAKEN, OUT_OF_SCOPE, DEPARTEMENT_REQUIRED, DEPARTEMENT_NOT_ALLOWED.
 */
export async function createUser(deps: ServiceDeps, ctx: AuditContext, actor: Actor, input: TUserCreate): Promise<TUserView> {
  // A doctor's account is born from the registry record only (activation link or counter code).
  if (input.role === 'medecin') throw new AppError('MEDECIN_FROM_REGISTRY_ONLY');
  assertCanAssign(actor, input.role, input.departement);
  if (await findUserByEmail(deps.database.db, input.email)) throw new AppError('EMAIL_TAKEN');
  const token = randomToken(32);
  const invitedAt = new Date();
  const user = await deps.database.db.transaction(async (tx) => {
    const created = await repo.insertUser(tx, input);
    await createAccountToken(tx, { userId: created.id, purpose: 'invitation', tokenHash: sha256Hex(token), expiresAt: new Date(invitedAt.getTime() + INVITATION_HOURS * 3_600_000) });
    await recordAudit(tx, ctx, {
      action: 'admin.user.created',
      entityType: 'user',
      entityId: created.id,
      details: { email: maskEmail(created.email), role: created.role, departement: created.departement },
    });
    return created;
  });
  await deps.outbox.queue(invitationMail(user.email, user.displayName, `${deps.config.publicUrl}/reinitialiser-mot-de-passe?token=${token}`, INVITATION_HOURS));
  return toUserView(user, invitedAt);
}

/**
 * Changes name, role, département or status. A change of role, département or status ends the user's
 * sessions so new rights apply at once. Throws NOT_FOUND, OUT_OF_SCOPE, CANNOT_CHANGE_OWN_ACCOUNT.
 */
export async function updateUser(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, input: TUserUpdate): Promise<TUserView> {
  const user = await loadManagedUser(deps, actor, id);
  const changesRights = input.role !== undefined || input.departement !== undefined || input.status !== undefined;
  if (changesRights && user.id === actor.userId) throw new AppError('CANNOT_CHANGE_OWN_ACCOUNT');
  if ((input.role === 'medecin') !== (user.role === 'medecin') && input.role !== undefined) throw new AppError('MEDECIN_FROM_REGISTRY_ONLY');
  const role = input.role ?? user.role;
  const departement = input.departement === undefined ? user.departement : input.departement;
  if (input.role !== undefined || input.departement !== undefined) assertCanAssign(actor, role, departement);
  const updated = await deps.database.db.transaction(async (tx) => {
    const row = await repo.updateUser(tx, user.id, input);
    if (changesRights) await revokeUserSessions(tx, user.id);
    await recordAudit(tx, ctx, {
      action: 'admin.user.updated',
      entityType: 'user',
      entityId: user.id,
      details: {
        changed: Object.keys(input),
        before: { role: user.role, departement: user.departement, status: user.status },
        after: { role: row.role, departement: row.departement, status: row.status },
      },
    });
    return row;
  });
  return toUserView(updated, await repo.findLastInvitationAt(deps.database.db, updated.id));
}

/**
 * Removes a user's second factor (lost phone), with the reason recorded; the user must enrol again at
 * next login and is told by email. Throws NOT_FOUND, CANNOT_CHANGE_OWN_ACCOUNT.
 */
export async function resetSecondFactor(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string, reason: string): Promise<void> {
  const user = await loadManagedUser(deps, actor, id);
  if (user.id === actor.userId) throw new AppError('CANNOT_CHANGE_OWN_ACCOUNT');
  // A doctor recovers a lost second factor only at the counter (registry identity check).
  if (user.role === 'medecin') throw new AppError('IN_PERSON_CHECK_REQUIRED');
  await deps.database.db.transaction(async (tx) => {
    await disableTotp(tx, user.id);
    await revokeUserSessions(tx, user.id);
    await recordAudit(tx, ctx, { action: 'admin.user.second_factor_reset', entityType: 'user', entityId: user.id, reason });
  });
  await deps.outbox.queue(secondFactorChangedMail(user.email, 'reset_by_admin', new Date()));
}

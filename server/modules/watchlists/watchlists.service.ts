import { MAX_WATCHES_PER_AGENT, type TWatchCreate, type TWatchView } from '../../../contracts/watchlists.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError, fieldError } from '../../platform/errors.js';
import type { Actor } from '../../platform/authz/policy.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import * as repo from './watchlists.repo.js';
import { normaliseWatchValue, watchLabel } from './watch-values.js';

function toView(row: Awaited<ReturnType<typeof repo.listWatches>>[number]): TWatchView {
  return { id: row.id, kind: row.kind, value: row.value, label: watchLabel(row.kind, row.value), createdAt: row.createdAt.toISOString() };
}

/** The actor's own subscriptions. */
export async function listWatches(deps: ServiceDeps, actor: Actor) {
  return { items: (await repo.listWatches(deps.database.db, actor.userId)).map(toView), max: MAX_WATCHES_PER_AGENT };
}

/**
 * Follows a value (normalised: E.164, registrable domain, code, family id), audited. Throws
 * VALIDATION_FAILED on `value` (invalid, already followed, or the list is full).
 */
export async function addWatch(deps: ServiceDeps, ctx: AuditContext, actor: Actor, input: TWatchCreate): Promise<TWatchView> {
  const value = normaliseWatchValue(input.kind, input.value, actor);
  const row = await deps.database.db.transaction(async (tx) => {
    if ((await repo.countWatches(tx, actor.userId)) >= MAX_WATCHES_PER_AGENT) {
      throw fieldError('value', `Votre veille compte déjà ${MAX_WATCHES_PER_AGENT} éléments : retirez-en avant d'en ajouter.`);
    }
    const inserted = await repo.insertWatch(tx, actor.userId, input.kind, value);
    if (!inserted) throw fieldError('value', `Vous suivez déjà « ${watchLabel(input.kind, value)} ».`);
    await recordAudit(tx, ctx, { action: 'watchlists.watch.added', entityType: 'watchlist', entityId: inserted.id, details: { kind: input.kind, value } });
    return inserted;
  });
  return toView(row);
}

/** Stops following; another agent's subscription does not exist for the actor. Throws NOT_FOUND. */
export async function removeWatch(deps: ServiceDeps, ctx: AuditContext, actor: Actor, id: string): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const removed = await repo.deleteOwnWatch(tx, actor.userId, id);
    if (!removed) throw new AppError('NOT_FOUND');
    await recordAudit(tx, ctx, { action: 'watchlists.watch.removed', entityType: 'watchlist', entityId: removed.id, details: { kind: removed.kind, value: removed.value } });
  });
}

import type { AuditContext } from '../../platform/audit/audit.js';
import { recordAccessDenial } from '../../platform/audit/denials.js';
import type { Executor } from '../../platform/db/client.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';

// How a refusal of campaigns.policy.ts leaves a change: decided under the row locks, inside the
// transaction, it must still be audited although the transaction rolls back. So the refusal is thrown as
// SharedRefusal, and the wrapper writes the denial on its own once the transaction is gone.

/** Thrown inside a change's transaction when the policy refuses a shared campaign or indicator. */
export class SharedRefusal extends Error {
  constructor(
    readonly entityType: 'campaign' | 'indicator',
    readonly entityId: string,
    readonly operation: string,
    readonly departements: readonly (string | null)[],
  ) {
    super('shared campaign or indicator');
  }
}

/**
 * Runs `work` in one transaction. A SharedRefusal rolls it back, is written to the audit log
 * (`authz.access.denied`, aggregated per window by recordAccessDenial, rule campaign_shared, the operation and the départements involved) and
 * becomes 403 CAMPAIGN_SHARED with `message`. Every other error passes through unchanged.
 */
export async function inTransactionUnlessShared<T>(deps: ServiceDeps, ctx: AuditContext, message: string, work: (tx: Executor) => Promise<T>): Promise<T> {
  try {
    return await deps.database.db.transaction(work);
  } catch (err) {
    if (!(err instanceof SharedRefusal)) throw err;
    // Aggregated like every refusal: a script hammering a shared campaign writes one row per window.
    await recordAccessDenial(deps.database, ctx, {
      entityType: err.entityType,
      entityId: err.entityId,
      permission: err.entityType === 'campaign' ? 'campaign:manage' : 'indicator:manage',
      details: { rule: 'campaign_shared', operation: err.operation, departements: err.departements },
    });
    throw new AppError('CAMPAIGN_SHARED', undefined, message);
  }
}

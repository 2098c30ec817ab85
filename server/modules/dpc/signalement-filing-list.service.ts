import { DPC_MY_SIGNALEMENTS_PAGE_SIZE, type TDpcMySignalements } from '../../../contracts/dpc-filing.schemas.js';
import { DPC_SIGNALEMENT_KIND_LABELS, DPC_SIGNALEMENT_STATUS_PUBLIC_LABELS } from '../../../contracts/dpc-signalements.schemas.js';
import { hasPermission, type Actor } from '../../platform/authz/policy.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { listFiledBy } from './signalement-filing.repo.js';

/**
 * A doctor's own DPC signalements (filed from their account), newest first, 20 a page: reference,
 * kind, subject and the plain status only — never the reviewer, the decision's reason or the screening.
 * Throws FORBIDDEN without `dpc:signalement_read_own`.
 */
export async function listOwnSignalements(deps: ServiceDeps, actor: Actor, page: number): Promise<TDpcMySignalements> {
  if (!hasPermission(actor.role, 'active', 'dpc:signalement_read_own')) throw new AppError('FORBIDDEN');
  const found = await listFiledBy(deps.database.db, actor.userId, (page - 1) * DPC_MY_SIGNALEMENTS_PAGE_SIZE, DPC_MY_SIGNALEMENTS_PAGE_SIZE);
  return {
    items: found.rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      kind: r.kind,
      kindLabel: DPC_SIGNALEMENT_KIND_LABELS[r.kind],
      subjectLabel: r.subjectLabel,
      publicStatusLabel: DPC_SIGNALEMENT_STATUS_PUBLIC_LABELS[r.status],
      createdAt: r.createdAt.toISOString(),
    })),
    total: found.total,
    page,
    pageSize: DPC_MY_SIGNALEMENTS_PAGE_SIZE,
  };
}

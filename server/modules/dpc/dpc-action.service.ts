import { DPC_ACTION_FORMAT_LABELS, type TDpcActionDetail } from '../../../contracts/dpc.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { hasPermission, type Actor } from '../../platform/authz/policy.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './dpc-action.repo.js';
import { screenedTextOf } from './programme-screener.js';

/**
 * One training action with its organisation, its stored screening (findings with their evidence spans,
 * and the text exactly as screened, which the spans' offsets point into) and the number of signalements
 * naming it. The catalogue is national: every holder of `dpc:catalogue_read` sees every action.
 * Throws FORBIDDEN for an actor without `dpc:catalogue_read`, NOT_FOUND for an unknown action.
 */
export async function getDpcAction(deps: Pick<ServiceDeps, 'database'>, actor: Actor, actionId: string): Promise<TDpcActionDetail> {
  if (!hasPermission(actor.role, 'active', 'dpc:catalogue_read')) throw new AppError('FORBIDDEN');
  const row = await repo.findActionDetail(deps.database.db, actionId);
  if (!row) throw new AppError('NOT_FOUND');
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    programme: row.programme,
    orientation: row.orientation,
    format: row.format,
    formatLabel: DPC_ACTION_FORMAT_LABELS[row.format],
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    organisation: {
      registrationNumber: row.registrationNumber,
      name: row.organisationName,
      contactEmail: row.contactEmail,
      contactPhone: row.contactPhone,
    },
    screening: {
      lexiconVersion: row.lexiconVersion,
      score: row.score,
      priority: row.priority,
      findings: row.findings,
      // The import and the rescreen screen this same text: title and programme are stored as screened.
      screenedText: screenedTextOf(row),
      screenedAt: new Date(row.screenedAt).toISOString(),
    },
    signalementCount: row.signalementCount,
  };
}

import { priorityRank, type TDpcRescreening } from '../../../contracts/dpc.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import { hasPermission, type Actor } from '../../platform/authz/policy.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import type { DpcRescreeningRow } from '../../platform/db/schema-dpc.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './dpc-screenings.repo.js';
import { CURRENT_SCREENER, screenedTextOf, type ProgrammeScreener } from './programme-screener.js';

/** Actions read, screened and written per transaction. */
const DEFAULT_BATCH_SIZE = 1000;
const BEFORE_EVERY_UUID = '00000000-0000-0000-0000-000000000000';

export interface RescreenOptions {
  /** The lexicon to screen with; the real one unless a benchmark stands in a release. */
  screener?: ProgrammeScreener;
  batchSize?: number;
  clock?: () => Date;
}

export function toRescreening(row: DpcRescreeningRow, upToDate: boolean): TDpcRescreening {
  return {
    id: row.id,
    lexiconVersion: row.lexiconVersion,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    rescreened: row.rescreened,
    newlyMatching: row.newlyMatching,
    upToDate,
  };
}

/**
 * Screens again every action whose stored screening was made with another lexicon than the
 * screener's, in batches: each batch is read, screened outside any transaction, then written in one
 * statement together with the actions it newly flagged (priority rose from « aucune », or higher) and
 * the run's counts. Idempotent: a row already screened with this lexicon is neither read nor rewritten,
 * so a second call does nothing and answers the last run (`upToDate`); a call after a crash continues
 * the unfinished run. The run's end and its counts are audited (`dpc.catalogue.rescreened`) with the
 * finishing write. Throws FORBIDDEN for an actor without `dpc:rescreen` (a script cannot walk around it).
 */
export async function rescreenCatalogue(
  deps: Pick<ServiceDeps, 'database'>,
  ctx: AuditContext,
  actor: Actor,
  options: RescreenOptions = {},
): Promise<TDpcRescreening> {
  if (!hasPermission(actor.role, 'active', 'dpc:rescreen')) throw new AppError('FORBIDDEN');
  const screener = options.screener ?? CURRENT_SCREENER;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const clock = options.clock ?? (() => new Date());
  const db = deps.database.db;
  const lexicon = { version: screener.lexiconVersion, fingerprint: screener.lexiconFingerprint };

  let after = BEFORE_EVERY_UUID;
  let batch = await repo.findStaleActions(db, lexicon.fingerprint, after, batchSize);
  // Nothing stale and no run to finish: the catalogue is up to date, the last run says what it found.
  const upToDate = batch.length === 0 && !(await repo.findUnfinishedRescreening(db, lexicon.fingerprint));
  const last = upToDate ? await repo.lastRescreening(db, lexicon.fingerprint) : null;
  if (last) {
    await recordAudit(db, ctx, { action: 'dpc.catalogue.rescreened', entityType: 'dpc_rescreening', entityId: last.id, details: { lexiconVersion: lexicon.version, upToDate: true } });
    return toRescreening(last, true);
  }

  const run = await db.transaction((tx) => repo.openRescreening(tx, lexicon, actor.userId));
  while (batch.length > 0) {
    const screened = batch.map((action) => ({ action, screening: screener.screen(screenedTextOf(action)) }));
    await db.transaction(async (tx) => {
      const written = await repo.writeScreenings(tx, screened.map((s) => ({ actionId: s.action.actionId, screening: s.screening })), clock());
      const matches = screened
        .filter((s) => written.has(s.action.actionId) && priorityRank(s.screening.priority) > priorityRank(s.action.priority))
        .map((s) => ({ actionId: s.action.actionId, previousPriority: s.action.priority, previousScore: s.action.score }));
      await repo.recordBatch(tx, run.id, written.size, matches);
    });
    after = batch.at(-1)!.actionId;
    batch = await repo.findStaleActions(db, lexicon.fingerprint, after, batchSize);
  }

  const finished = await db.transaction(async (tx) => {
    const row = await repo.finishRescreening(tx, run.id, clock());
    await recordAudit(tx, ctx, {
      action: 'dpc.catalogue.rescreened',
      entityType: 'dpc_rescreening',
      entityId: row.id,
      details: { lexiconVersion: row.lexiconVersion, rescreened: row.rescreened, newlyMatching: row.newlyMatching },
    });
    return row;
  });
  return toRescreening(finished, finished.rescreened === 0);
}

import type { Database } from '../../platform/db/client.js';
import { parisDay } from '../../platform/time/paris-day.js';
import { recordExpiredMandates } from './mandates.service.js';
import { purgeExpiredCases } from './retention.service.js';

/**
 * Entraide's part of the runtime's periodic sweep (docs/entraide.md): writes the end of each seat past
 * its last day to the audit journal, once, then deletes the closed cases past their retention. Both are
 * idempotent: run every ten minutes, each does its work on the first run after midnight (Paris) and
 * nothing after. Access itself never waits for this sweep (entraide.policy.ts checks the day).
 */
export async function sweepEntraide(database: Database, today = parisDay()): Promise<{ mandatesExpired: number; casesPurged: number }> {
  const mandatesExpired = await recordExpiredMandates(database, today);
  const casesPurged = await purgeExpiredCases(database, today);
  return { mandatesExpired, casesPurged };
}

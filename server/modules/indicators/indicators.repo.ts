import { and, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.js';
import { fraudIndicators } from '../../platform/db/schema.js';

export interface IndicatorSighting {
  value: string;
  reportCount: number;
  campaignLabel: string | null;
}

/**
 * Active, unexpired indicators among `values` (E.164 numbers, domains, URLs, addresses). Values marked
 * false positive or expired never flag anything.
 */
export async function findActiveIndicators(db: Executor, values: readonly string[]): Promise<IndicatorSighting[]> {
  if (values.length === 0) return [];
  return db
    .select({ value: fraudIndicators.value, reportCount: fraudIndicators.reportCount, campaignLabel: fraudIndicators.campaignLabel })
    .from(fraudIndicators)
    .where(
      and(
        inArray(fraudIndicators.value, [...new Set(values)].slice(0, 200)),
        eq(fraudIndicators.status, 'active'),
        or(isNull(fraudIndicators.expiresAt), gt(fraudIndicators.expiresAt, new Date())),
      ),
    );
}

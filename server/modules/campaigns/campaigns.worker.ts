import type { Logger } from 'pino';
import type { ServiceDeps } from '../../platform/deps.js';
import { GROUP_REPORT_QUEUE, INDICATOR_BACKFILL_QUEUE } from '../../platform/jobs/queues.js';
import { groupPendingReports, sweepExpiredIndicators } from './grouping.service.js';
import { backfillReportIndicators, enqueueBackfillOnce } from './indicator-backfill.service.js';
import { INDICATOR_EXTRACTION_VERSION } from './report-indicators.js';

/** How often, at most, one instance marks expired indicators (on the back of a grouping job). */
const EXPIRY_SWEEP_EVERY_MS = 60 * 60_000;

/**
 * Starts the worker that groups each new report into a campaign. A job ({ reportId }) triggers a drain
 * of every pending report, in batches, through the same path as the benchmark; a job whose report was
 * already grouped by an earlier drain finds nothing to do. One drain is queued at start, so reports
 * whose job was lost in a crash are grouped without waiting for the next report.
 *
 * Also the worker that reads old reports' indicators again after the extraction changed, queued once
 * per extraction version by the first instance to start (indicator-backfill.service.ts). Its log lines
 * carry counts only.
 */
export async function startCampaignWorkers(services: ServiceDeps, logger: Logger): Promise<void> {
  let lastSweep = 0;
  await services.jobs.work<{ reportId?: string }>(GROUP_REPORT_QUEUE, async () => {
    await groupPendingReports(services);
    if (Date.now() - lastSweep >= EXPIRY_SWEEP_EVERY_MS) {
      lastSweep = Date.now();
      await sweepExpiredIndicators(services.database);
    }
  });
  await services.jobs.enqueue(GROUP_REPORT_QUEUE, { reportId: null });

  await services.jobs.work<{ extractionVersion?: number }>(INDICATOR_BACKFILL_QUEUE, async () => {
    logger.info({ extractionVersion: INDICATOR_EXTRACTION_VERSION }, 'indicator backfill started');
    const total = await backfillReportIndicators(services, { onBatch: (counts) => logger.info({ ...counts }, 'indicator backfill progress') });
    logger.info({ extractionVersion: INDICATOR_EXTRACTION_VERSION, ...total }, 'indicator backfill finished');
  });
  await enqueueBackfillOnce(services.database, () => services.jobs.enqueue(INDICATOR_BACKFILL_QUEUE, { extractionVersion: INDICATOR_EXTRACTION_VERSION }));
}

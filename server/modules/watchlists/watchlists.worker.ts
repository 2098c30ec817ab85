import type { ServiceDeps } from '../../platform/deps.js';
import { WATCHLIST_MATCH_QUEUE } from '../../platform/jobs/queues.js';
import { notifyWatchers } from './watchlist-match.service.js';

/** Starts the worker that notifies agents of new reports matching their watchlists. */
export async function startWatchlistWorkers(services: ServiceDeps): Promise<void> {
  await services.jobs.work<{ reportId: string }>(WATCHLIST_MATCH_QUEUE, async (job) => {
    // A malformed job is dropped rather than retried forever.
    if (typeof job.reportId !== 'string' || !/^[0-9a-f-]{36}$/i.test(job.reportId)) return;
    await notifyWatchers(services, job.reportId);
  });
}

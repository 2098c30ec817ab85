import type { ServiceDeps } from '../../platform/deps.js';

/** Starts the worker that notifies agents of new reports matching their watchlists. */
export async function startWatchlistWorkers(_services: ServiceDeps): Promise<void> {}

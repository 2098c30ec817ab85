import type { ServiceDeps } from '../../platform/deps.js';

/** Starts the worker that groups each new report into a campaign. */
export async function startCampaignWorkers(_services: ServiceDeps): Promise<void> {}

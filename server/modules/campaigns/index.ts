// The face of the campaigns module (docs/architecture.md).

// Mounted by app.ts; workers started by runtime.ts.
export { campaignsRoutes } from './campaigns.routes.js';
export { startCampaignWorkers } from './campaigns.worker.js';
// The grouping benchmark (bench/campaigns.ts) runs the real grouping.
export { DEFAULT_BATCH_SIZE, groupPendingReports } from './grouping.service.js';

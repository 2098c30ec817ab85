// The face of the campaigns module (docs/architecture.md).

// Mounted by app.ts; workers started by runtime.ts.
export { campaignsRoutes } from './campaigns.routes.js';
export { startCampaignWorkers } from './campaigns.worker.js';
// The grouping benchmark (bench/campaigns.ts) runs the real grouping.
export { DEFAULT_BATCH_SIZE, groupPendingReports } from './grouping.service.js';
// The home page counts campaigns and held indicators through their own scoped lists.
export { listCampaigns } from './campaigns.service.js';
export { listHeldIndicators } from './indicator-decisions.service.js';
// The operator's script (npm run indicators:backfill) reads old reports' indicators again by hand.
export { backfillReportIndicators } from './indicator-backfill.service.js';
export { INDICATOR_EXTRACTION_VERSION } from './report-indicators.js';

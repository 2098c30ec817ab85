// The face of the alerts module (docs/architecture.md).

// Mounted by app.ts; workers started by runtime.ts, broadcast workers alone by scripts/alert-worker.ts.
export { alertsRoutes } from './alerts.routes.js';
export { startAlertWorkers, startBroadcastWorkers, type AlertWorkers } from './alerts.worker.js';
// The broadcast benchmark (bench/alerts.ts) drives the real four-eyes flow into a local SMTP sink.
export { approveAlert, createDraft, submitAlert } from './alerts.service.js';
export { startSmtpSink } from './smtp-sink.js';
// The home page counts alerts through the scoped list, and shows the current public ones.
export { listAlerts, createPublicAlertsCache } from './alerts.service.js';

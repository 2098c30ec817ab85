// The face of the triage module (docs/architecture.md).

// Mounted by app.ts.
export { triageRoutes } from './triage.routes.js';
// The home page counts the queue through the queue itself (same scope, same filters).
export { listQueue } from './triage-queue.service.js';

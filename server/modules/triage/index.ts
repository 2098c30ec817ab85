// The face of the triage module (docs/architecture.md).

// Mounted by app.ts.
export { triageRoutes } from './triage.routes.js';

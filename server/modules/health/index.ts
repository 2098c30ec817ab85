// The face of the health module (docs/architecture.md).

// Mounted by app.ts.
export { healthRoutes } from './health.routes.js';

// The face of the dashboard module (docs/architecture.md).

// Mounted by app.ts.
export { dashboardRoutes } from './dashboard.routes.js';

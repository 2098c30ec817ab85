// The face of the bootstrap module (docs/architecture.md).

// Mounted by app.ts.
export { bootstrapRoutes } from './bootstrap.routes.js';
// main.ts prints the first-administrator link at start.
export { issueBootstrapTokenIfNeeded } from './bootstrap.service.js';

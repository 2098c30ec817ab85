// The face of the checks module (docs/architecture.md).

// Mounted by app.ts.
export { checksRoutes } from './checks.routes.js';

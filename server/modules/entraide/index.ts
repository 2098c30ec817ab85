// The face of the entraide module (docs/architecture.md, docs/entraide.md).

// Mounted by app.ts.
export { entraideRoutes } from './entraide.routes.js';

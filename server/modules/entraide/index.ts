// The face of the entraide module (docs/architecture.md, docs/entraide.md).

// Mounted by app.ts.
export { entraideRoutes } from './entraide.routes.js';
// Run by the runtime's periodic sweep.
export { sweepEntraide } from './entraide-sweep.js';
// Sealing as the module does it, for seeding synthetic cases (bench/entraide.ts).
export { cdeScope, sealerFor } from './case-keys.js';
// The personal data page states how long closed cases are kept (GET /api/site).
export { getSettings as getEntraideSettings } from './retention.service.js';

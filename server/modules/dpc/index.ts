// The face of the DPC module (docs/architecture.md, docs/dpc-vigilance.md).

// Mounted by app.ts.
export { dpcRoutes } from './dpc.routes.js';
// The catalogue benchmark (bench/dpc.ts) imports and rescreens through the real services.
export { importDpcCatalogue } from './dpc-import.service.js';
export { searchDpcActions } from './dpc-search.service.js';
export { rescreenCatalogue, type RescreenOptions } from './dpc-rescreen.service.js';
export { CURRENT_SCREENER, type ProgrammeScreener } from './programme-screener.js';
// The awareness page's data, public (issue 12, the convention's first axis).
export { dpcVigilanceRoutes } from './dpc-vigilance.routes.js';
// Signalements (docs/dpc-signalements.md): filing, workflow, exchanges and statistics.
export { dpcSignalementRoutes } from './dpc-signalements.routes.js';
export { dpcWorkflowRoutes } from './dpc-workflow.routes.js';
export { dpcExchangeRoutes } from './dpc-exchanges.routes.js';

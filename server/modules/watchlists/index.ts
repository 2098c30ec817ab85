// The face of the watchlists module (docs/architecture.md).

// Mounted by app.ts; workers started by runtime.ts.
export { watchlistsRoutes } from './watchlists.routes.js';
export { startWatchlistWorkers } from './watchlists.worker.js';

// The face of the home module (docs/architecture.md).

// Mounted by app.ts.
export { homeRoutes } from './home.routes.js';

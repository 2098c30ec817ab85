// The face of the sharing module (docs/architecture.md).

// Mounted by app.ts.
export { sharingRoutes } from './sharing.routes.js';

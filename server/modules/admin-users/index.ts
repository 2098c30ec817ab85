// The face of the admin-users module (docs/architecture.md).

// Mounted by app.ts.
export { adminUsersRoutes } from './admin-users.routes.js';

// The face of the account module: what app.ts and other modules may use (docs/architecture.md).

// Mounted by app.ts.
export { accountRoutes } from './account.routes.js';
// An administrator's or a counter agent's second-factor reset (admin-users, registry's activation).
export { disableTotp } from './account.repo.js';

// The face of the auth module: what app.ts, runtime.ts and other modules may use (docs/architecture.md).

// Mounted by app.ts.
export { authRoutes } from './auth.routes.js';
// Key purposes shared with every module that seals a TOTP secret or hashes recovery codes (account,
// registry's step-up, test factories), so they all derive the same keys.
export { RECOVERY_HASH_PURPOSE, TOTP_SEAL_PURPOSE } from './auth.service.js';
// The users table's owner: account, admin-users and registry's step-up read users, claim TOTP steps
// (replay protection) and issue account tokens through these, never through their own queries.
export { claimTotpStep, createAccountToken, findUserByEmail, findUserById, setPasswordHash } from './auth.repo.js';
// The sweeper in runtime.ts.
export { purgeStaleThrottles } from './auth.repo.js';

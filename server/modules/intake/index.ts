// The face of the intake module (docs/architecture.md).

// Started by runtime.ts: the inbound SMTP listener.
export { startEmailIntake, type EmailIntake } from './intake.listener.js';

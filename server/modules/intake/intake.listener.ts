import type { ServiceDeps } from '../../platform/deps.js';

export interface EmailIntake {
  port: number;
  close(): Promise<void>;
}

/** Starts the inbound SMTP listener that turns forwarded emails into reports. */
export async function startEmailIntake(_services: ServiceDeps): Promise<EmailIntake> {
  return { port: 0, close: async () => undefined };
}

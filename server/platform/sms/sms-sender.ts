import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export interface OutgoingSms {
  /** E.164. */
  to: string;
  text: string;
}

/**
 * The SMS gateway port. Production plugs the council's gateway behind it; development and tests use the
 * local sink, which keeps messages in memory and appends them to a file — nothing leaves the machine.
 */
export interface SmsSender {
  send(sms: OutgoingSms): Promise<void>;
}

export interface LocalSmsSink extends SmsSender {
  readonly messages: readonly (OutgoingSms & { sentAt: Date })[];
}

export function createLocalSmsSink(saveDir?: string): LocalSmsSink {
  const messages: (OutgoingSms & { sentAt: Date })[] = [];
  if (saveDir) mkdirSync(saveDir, { recursive: true });
  return {
    messages,
    async send(sms) {
      messages.push({ ...sms, sentAt: new Date() });
      if (saveDir) appendFileSync(path.join(saveDir, 'sms.log'), `${new Date().toISOString()} ${sms.to} ${JSON.stringify(sms.text)}\n`);
    },
  };
}

import type { JobQueue } from '../jobs/job-queue.js';
import type { Mailer, OutgoingMail } from './mailer.js';
import { typesetMail } from './mail-typography.js';
import { MAIL_QUEUE } from '../jobs/queues.js';

/**
 * Where services put mail once their transaction has committed. It is the durable job queue: a
 * mail is retried until the relay accepts it.
 */
export interface MailOutbox {
  queue(mail: OutgoingMail): Promise<void>;
}

export function createQueuedOutbox(jobs: JobQueue): MailOutbox {
  return { queue: (mail) => jobs.enqueue(MAIL_QUEUE, mail) };
}

/** Sends queued mail; every OutgoingMail passes here, so this is where its typography is applied. */
export async function startMailWorker(jobs: JobQueue, mailer: Mailer): Promise<void> {
  await jobs.work<OutgoingMail>(MAIL_QUEUE, (mail) => mailer.send(typesetMail(mail)));
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../platform/db/client.js';
import { createBroadcastSender, type BroadcastSender } from '../../platform/mail/broadcast-sender.js';
import { buildAlertTemplate, isSendableAddress, type AlertMessageTemplate, type AlertText } from './alert-message.js';
import * as deliveries from './alert-deliveries.repo.js';
import type { ClaimedDelivery } from './alert-deliveries.repo.js';
import { loggableError } from '../../platform/errors.js';

/** A delivery claimed more often than this (crashes, refusals) is given up as 'echec'. */
export const MAX_ATTEMPTS = 5;
/** How long the first lane waiting for its 'envoye' commit waits for others to share it (ms). */
const COMMIT_WINDOW_MS = 10;

export interface BroadcastEnv {
  database: Database;
  smtpUrl: string;
  publicUrl: string;
  mailFrom: string;
  leaseSeconds: number;
  pacer: Pacer;
  /** Parallel SMTP sessions for one alert in this process. */
  lanes: number;
  log: { warn(obj: object, msg: string): void };
}

export interface BroadcastRunOptions {
  /** Stop claiming new deliveries after this time (epoch ms): the job hands over to a fresh one. */
  deadline: number;
  signal: AbortSignal;
}

/** drained: nothing claimable was left; more: the deadline came first; stopped; gone: not broadcasting. */
export type BroadcastRunResult = 'drained' | 'more' | 'stopped' | 'gone';

/**
 * Paces message starts across this process's lanes at `rate` per second (its share of
 * ALERT_SEND_RATE_PER_SECOND, updated from the live worker count).
 */
export interface Pacer {
  setRate(perSecond: number): void;
  rate(): number;
  take(signal?: AbortSignal): Promise<void>;
}

export function createPacer(perSecond: number): Pacer {
  let rate = Math.max(1, perSecond);
  let next = 0;
  return {
    setRate: (r) => (rate = Math.max(1, r)),
    rate: () => rate,
    async take(signal) {
      const now = performance.now();
      const slot = Math.max(now, next);
      next = slot + 1000 / rate;
      if (slot - now >= 1) await sleep(slot - now, undefined, { signal }).catch(() => undefined);
    },
  };
}

export async function loadBroadcastingAlert(database: Database, alertId: string): Promise<AlertText | null> {
  const { rows } = await database.raw.query<{ id: string; title: string; situation: string; what_to_do: string; what_not_to_do: string }>(
    `SELECT id, title, situation, what_to_do, what_not_to_do FROM alerts WHERE id = $1 AND status = 'en_diffusion'`,
    [alertId],
  );
  const row = rows[0];
  return row ? { id: row.id, title: row.title, situation: row.situation, whatToDo: row.what_to_do, whatNotToDo: row.what_not_to_do } : null;
}

/**
 * Sends an alert's claimable deliveries until none is left, the deadline passes or the signal aborts.
 * Every message follows the commit-before-dot protocol of broadcast-sender.ts; the 'envoye' marks of the
 * lanes waiting at the same moment share one transaction.
 */
export async function broadcastAlert(env: BroadcastEnv, alertId: string, options: BroadcastRunOptions): Promise<BroadcastRunResult> {
  const alert = await loadBroadcastingAlert(env.database, alertId);
  if (!alert) return 'gone';
  const template = await buildAlertTemplate(alert, { publicUrl: env.publicUrl, mailFrom: env.mailFrom });
  const feed = createFeed(env, alertId, options);
  // A withdrawal seen at commit time stops the claiming; the lanes' rows are given back.
  const marker = createSentMarker(env.database, alertId, env.lanes, () => feed.stop());
  // Leases are kept alive while this worker holds the rows (buffered or in a lane).
  const renewal = setInterval(() => {
    deliveries.renewLeases(env.database.raw, feed.held(), env.leaseSeconds).catch((err: Error) => env.log.warn({ error: loggableError(err) }, 'lease renewal failed'));
  }, Math.max(250, (env.leaseSeconds * 1000) / 3));
  try {
    await Promise.allSettled(Array.from({ length: env.lanes }, () => runLane(env, template, feed, marker, options)));
  } finally {
    clearInterval(renewal);
  }
  // Claimed but never started (stop, deadline, error): give them back now rather than at lease end.
  await feed.idle();
  await deliveries.releaseDeliveries(env.database.raw, feed.drain(), 0, null);
  const failure = feed.failure();
  if (failure) throw failure;
  if (options.signal.aborted) return 'stopped';
  if (feed.stopped()) return 'gone';
  return feed.exhausted() ? 'drained' : 'more';
}

interface Feed {
  next(): Promise<ClaimedDelivery | null>;
  /** The lane is done with this claim (settled either way). */
  done(claim: ClaimedDelivery): void;
  /** Claims held now: buffered or in a lane. */
  held(): ClaimedDelivery[];
  /** Empties the buffer of claimed, unsent deliveries. */
  drain(): ClaimedDelivery[];
  /** Resolves once no claim is in flight. */
  idle(): Promise<void>;
  exhausted(): boolean;
  /** The error that stopped claiming (the database was unreachable), if any. */
  failure(): unknown;
  /** No more claims: the alert no longer broadcasts. */
  stop(): void;
  stopped(): boolean;
}

function createFeed(env: BroadcastEnv, alertId: string, options: BroadcastRunOptions): Feed {
  const buffer: ClaimedDelivery[] = [];
  const holding = new Map<string, ClaimedDelivery>();
  let cursor = '0';
  let done = false;
  let fetching: Promise<void> | null = null;
  let failure: unknown = null;
  let halted = false;
  const open = () => !done && !halted && !failure && !options.signal.aborted && Date.now() < options.deadline;

  // About a quarter of a lease at this worker's pace: what a stopping worker holds and gives back stays small.
  const batchSize = () => Math.max(env.lanes, Math.min(500, Math.floor((env.pacer.rate() * env.leaseSeconds) / 4)));

  const fetchMore = () => {
    fetching ??= (async () => {
      try {
        let rows = await deliveries.claimDeliveries(env.database.raw, alertId, cursor, batchSize(), env.leaseSeconds);
        if (rows.length === 0 && cursor !== '0') {
          // Past the end: look again from the start for retries and expired leases.
          cursor = '0';
          rows = await deliveries.claimDeliveries(env.database.raw, alertId, cursor, batchSize(), env.leaseSeconds);
        }
        if (rows.length === 0) done = true;
        else {
          cursor = rows.at(-1)!.id;
          buffer.push(...rows);
          for (const r of rows) holding.set(r.id, r);
        }
      } finally {
        fetching = null;
      }
    })();
    return fetching;
  };

  return {
    async next() {
      while (open()) {
        const item = buffer.shift();
        if (item) {
          if (buffer.length < env.lanes && !fetching) void fetchMore().catch(() => undefined);
          return item;
        }
        try {
          await fetchMore();
        } catch (err) {
          failure = err;
        }
      }
      return null;
    },
    done: (claim) => holding.delete(claim.id),
    held: () => [...holding.values()],
    drain: () => {
      const left = buffer.splice(0);
      for (const c of left) holding.delete(c.id);
      return left;
    },
    idle: async () => {
      await fetching?.catch(() => undefined);
    },
    exhausted: () => done && buffer.length === 0,
    failure: () => failure,
    stop: () => (halted = true),
    stopped: () => halted,
  };
}

/**
 * Batches the 'envoye' commits of lanes waiting at the same time into one transaction. A lane's message
 * waits at the relay for this commit, so the window is short: the first waiting lane opens it for
 * COMMIT_WINDOW_MS (or until half the lanes wait); lanes that reach the point while a commit runs join
 * the next one. On a 2-core machine, the database round trips of one small commit per message or two
 * were the workers' largest cost (socket writes to PostgreSQL, see docs/performance.md).
 */
function createSentMarker(database: Database, alertId: string, lanes: number, onHalted: () => void) {
  let queue: { claim: ClaimedDelivery; resolve: (ok: boolean) => void; reject: (err: unknown) => void }[] = [];
  let running = false;
  let timer: NodeJS.Timeout | null = null;
  const full = () => queue.length >= Math.max(1, Math.floor(lanes / 2));
  const flush = async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    running = true;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        const { marked, broadcasting } = await deliveries.markSent(database, alertId, batch.map((b) => b.claim));
        if (!broadcasting) onHalted();
        for (const b of batch) b.resolve(marked.has(b.claim.id));
      } catch (err) {
        for (const b of batch) b.reject(err);
      }
    }
    running = false;
  };
  return {
    mark(claim: ClaimedDelivery): Promise<boolean> {
      return new Promise((resolve, reject) => {
        queue.push({ claim, resolve, reject });
        if (running) return;
        if (full()) void flush();
        else timer ??= setTimeout(() => void flush(), COMMIT_WINDOW_MS);
      });
    },
  };
}

const retryDelaySeconds = (attempts: number) => Math.min(600, 30 * 2 ** (attempts - 1));

async function runLane(env: BroadcastEnv, template: AlertMessageTemplate, feed: Feed, marker: ReturnType<typeof createSentMarker>, options: BroadcastRunOptions) {
  const sender: BroadcastSender = createBroadcastSender({ smtpUrl: env.smtpUrl, envelopeFrom: template.envelopeFrom });
  let backoffMs = 0;
  try {
    for (let claim = await feed.next(); claim; claim = await feed.next()) {
      if (backoffMs > 0) await sleep(backoffMs, undefined, { signal: options.signal }).catch(() => undefined);
      if (options.signal.aborted) {
        await deliveries.releaseDeliveries(env.database.raw, [claim], 0, null).finally(() => feed.done(claim));
        break;
      }
      await env.pacer.take(options.signal);
      const failed = await deliver(env, template, sender, marker, claim)
        .catch((err: Error) => {
          env.log.warn({ error: loggableError(err) }, 'alert delivery bookkeeping failed');
          return true;
        })
        .finally(() => feed.done(claim));
      // An unreachable relay: slow this lane down instead of spinning through the whole list.
      backoffMs = failed ? Math.min(30_000, Math.max(500, backoffMs * 2)) : 0;
    }
  } finally {
    sender.close();
  }
}

/** Sends one claimed delivery; true when the relay could not be reached. */
async function deliver(env: BroadcastEnv, template: AlertMessageTemplate, sender: BroadcastSender, marker: ReturnType<typeof createSentMarker>, claim: ClaimedDelivery): Promise<boolean> {
  const db = env.database.raw;
  if (claim.attempts > MAX_ATTEMPTS) {
    await deliveries.settleUndelivered(db, claim, 'envoi', 'echec', `Abandon après ${MAX_ATTEMPTS} tentatives.`);
    return false;
  }
  if (!isSendableAddress(claim.email)) {
    await deliveries.settleUndelivered(db, claim, 'envoi', 'echec', 'Adresse électronique inutilisable pour un envoi.');
    return false;
  }
  const outcome = await sender.send({ to: claim.email, raw: template.render(claim.id, claim.email, claim.name) }, () => marker.mark(claim));
  switch (outcome.kind) {
    case 'delivered':
      return false;
    case 'not_committed':
      // Nothing went out. The row is given back unless another worker's claim holds it now (the fence).
      await deliveries.releaseDeliveries(db, [claim], 0, null);
      return false;
    case 'refused': {
      const giveUp = outcome.permanent || claim.attempts >= MAX_ATTEMPTS;
      await deliveries.settleUndelivered(db, claim, outcome.committed ? 'envoye' : 'envoi', giveUp ? 'echec' : 'a_envoyer', outcome.error, retryDelaySeconds(claim.attempts));
      return false;
    }
    case 'failed':
      if (outcome.committed) await deliveries.settleUndelivered(db, claim, 'envoye', 'a_envoyer', outcome.error, 5);
      else await deliveries.releaseDeliveries(db, [claim], 5, outcome.error);
      return true;
    case 'unconfirmed':
      await deliveries.noteUnconfirmed(db, claim, outcome.error);
      return true;
  }
}

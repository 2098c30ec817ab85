import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Database, RawExecutor } from '../db/client.js';
import type { KeyProvider } from '../crypto/key-provider.js';
import { safeEqual } from '../crypto/tokens.js';
import { loggableError } from '../errors.js';

// The hash chain proves that no entry was edited, inserted or removed *before* the newest one; it cannot
// tell that the newest entries were cut off. A checkpoint anchors the head outside the database: the
// last entry's id and hash and the row count at a moment, signed, appended to a file a database owner
// does not control. `audit:verify --since-checkpoint` then checks the anchored entry is still there.
// See docs/audit.md.

const GENESIS = '0'.repeat(64);
/** KeyProvider purpose: the checkpoint key is derived from VIGIE_SECRET, distinct from every other key. */
const SIGNING_PURPOSE = 'audit-checkpoint';
/** Transaction advisory lock: one instance writes a checkpoint at a time (the chain itself uses 7243011). */
const CHECKPOINT_LOCK = 7243012;
const FILE_PATTERN = /^audit-checkpoints-\d{4}-\d{2}-\d{2}\.jsonl$/;

export interface AuditHead {
  /** Id of the newest entry (0 when the log is empty). */
  lastId: number;
  lastHash: string;
  rowCount: number;
}

export interface AuditCheckpoint extends AuditHead {
  v: 1;
  /** When the head was read, ISO 8601 UTC. */
  at: string;
  /** HMAC-SHA256 (hex) of the fields above with the checkpoint key. */
  sig: string;
}

const signingText = (c: Omit<AuditCheckpoint, 'sig'>) => `vigie-audit-checkpoint|v${c.v}|${c.lastId}|${c.lastHash}|${c.rowCount}|${c.at}`;

/** Signs a head read at `at` with the checkpoint key derived from VIGIE_SECRET. */
export function signCheckpoint(keys: KeyProvider, head: AuditHead, at: Date): AuditCheckpoint {
  const body = { v: 1 as const, lastId: head.lastId, lastHash: head.lastHash, rowCount: head.rowCount, at: at.toISOString() };
  return { ...body, sig: keys.keyedHash(signingText(body), SIGNING_PURPOSE) };
}

/** True when the checkpoint's fields are exactly those its signature covers. */
export function hasValidSignature(keys: KeyProvider, c: AuditCheckpoint): boolean {
  return typeof c.sig === 'string' && safeEqual(keys.keyedHash(signingText(c), SIGNING_PURPOSE), c.sig);
}

/** The newest entry and the row count, read in one statement (one snapshot). */
export async function readAuditHead(raw: RawExecutor): Promise<AuditHead> {
  const { rows } = await raw.query<{ id: string | null; hash: string | null; row_count: string }>(
    `SELECT (SELECT count(*) FROM audit_log) AS row_count, h.id, h.hash
       FROM (SELECT 1) one LEFT JOIN (SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1) h ON true`,
  );
  const row = rows[0]!;
  return { lastId: Number(row.id ?? 0), lastHash: row.hash ?? GENESIS, rowCount: Number(row.row_count) };
}

/** The day file a checkpoint written at `at` goes to (UTC day). */
export function checkpointFileFor(dir: string, at: Date): string {
  return path.join(dir, `audit-checkpoints-${at.toISOString().slice(0, 10)}.jsonl`);
}

export interface CheckpointLine {
  file: string;
  line: number;
  checkpoint: AuditCheckpoint | null;
}

/** Every line of every checkpoint file in `dir`, oldest file first; unparsable lines have checkpoint null. */
export async function readCheckpointLines(dir: string): Promise<CheckpointLine[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => FILE_PATTERN.test(n)).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const lines: CheckpointLine[] = [];
  for (const name of names) lines.push(...(await readCheckpointFile(path.join(dir, name))));
  return lines;
}

async function readCheckpointFile(file: string): Promise<CheckpointLine[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return text.split('\n').flatMap((raw, i) => (raw.trim() === '' ? [] : [{ file, line: i + 1, checkpoint: parseCheckpoint(raw) }]));
}

function parseCheckpoint(raw: string): AuditCheckpoint | null {
  try {
    const c = JSON.parse(raw) as Partial<AuditCheckpoint>;
    const ok =
      c.v === 1 &&
      Number.isSafeInteger(c.lastId) && c.lastId! >= 0 &&
      typeof c.lastHash === 'string' && /^[0-9a-f]{64}$/.test(c.lastHash) &&
      Number.isSafeInteger(c.rowCount) && c.rowCount! >= 0 &&
      typeof c.at === 'string' && !Number.isNaN(Date.parse(c.at)) &&
      typeof c.sig === 'string';
    return ok ? (c as AuditCheckpoint) : null;
  } catch {
    return null;
  }
}

/** Appends one line and fsyncs it (and the folder when the day's file is new), so a crash keeps it. */
async function appendDurably(file: string, line: string): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const handle = await open(file, 'a', 0o600);
  const isNew = (await handle.stat()).size === 0;
  try {
    await handle.appendFile(`${line}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (isNew) {
    const folder = await open(dir, 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  }
}

/**
 * Reads the audit head and appends its signed checkpoint to today's file under `dir`. Returns null when
 * another instance holds the checkpoint lock, or wrote one less than `minGapMinutes` ago to the same
 * folder (instances sharing a folder then write about one line per interval, not one each).
 */
export async function writeAuditCheckpoint(
  database: Database,
  keys: KeyProvider,
  dir: string,
  options: { now?: Date; minGapMinutes?: number } = {},
): Promise<AuditCheckpoint | null> {
  const now = options.now ?? new Date();
  return database.rawTransaction(async (tx) => {
    const { rows } = await tx.query<{ got: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS got', [CHECKPOINT_LOCK]);
    if (!rows[0]?.got) return null;
    if (options.minGapMinutes) {
      const recent = (await readCheckpointFile(checkpointFileFor(dir, now))).some(
        ({ checkpoint: c }) => c && now.getTime() - Date.parse(c.at) < options.minGapMinutes! * 60_000 && hasValidSignature(keys, c),
      );
      if (recent) return null;
    }
    const checkpoint = signCheckpoint(keys, await readAuditHead(tx), now);
    // Written while the lock is held, so two instances never interleave; a short file append, not a
    // network call, and only once per interval.
    await appendDurably(checkpointFileFor(dir, now), JSON.stringify(checkpoint));
    return checkpoint;
  });
}

export interface AuditCheckpointsDeps {
  database: Database;
  keys: KeyProvider;
  /** config.auditCheckpoint.dir: outside the database, ideally a folder shipped off the host. */
  dir: string;
  /** config.auditCheckpoint.intervalMinutes; 0 turns checkpoints off. */
  intervalMinutes: number;
  logger: Pick<Logger, 'warn' | 'info'>;
}

/**
 * Writes a signed checkpoint of the audit head every `intervalMinutes` (none at start, so short-lived
 * processes such as tests write nothing). With several instances, the advisory lock and the minimum gap
 * keep it to about one line per interval. stop() waits for a write in progress.
 */
export function startAuditCheckpoints(deps: AuditCheckpointsDeps): { stop(): Promise<void> } {
  if (deps.intervalMinutes <= 0) return { stop: async () => undefined };
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = writeAuditCheckpoint(deps.database, deps.keys, deps.dir, { minGapMinutes: deps.intervalMinutes / 2 })
      .then(() => undefined)
      .catch((err: Error) => deps.logger.warn({ error: loggableError(err) }, 'audit checkpoint not written'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, deps.intervalMinutes * 60_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

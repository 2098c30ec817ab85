import type { Database } from '../db/client.js';
import type { KeyProvider } from '../crypto/key-provider.js';
import { hasValidSignature, readCheckpointLines, type AuditCheckpoint, type CheckpointLine } from './checkpoints.js';
import { verifyAuditChain } from './verify.js';

export type CheckpointProblem = 'anchored_entry_missing' | 'anchored_entry_changed' | 'rows_removed';

export interface CheckpointVerification {
  /** Lines whose signature does not check out or that cannot be read: refused, never used as anchor. */
  refused: Omit<CheckpointLine, 'checkpoint'>[];
  /** The valid checkpoint anchoring the furthest into the log, or null when there is none. */
  anchor: (CheckpointLine & { checkpoint: AuditCheckpoint }) | null;
  problem: CheckpointProblem | null;
  /** Rows in the log now. */
  rowCount: number;
}

/**
 * Checks the log against the newest valid checkpoint in `dir` (the one anchoring the highest id, so a
 * clock difference between instances does not matter): the anchored entry must still exist with the same
 * hash, and the log must hold at least as many rows as then. Forged or unreadable lines are refused.
 */
export async function verifyAgainstCheckpoint(database: Database, keys: KeyProvider, dir: string): Promise<CheckpointVerification> {
  const refused: CheckpointVerification['refused'] = [];
  let anchor: CheckpointVerification['anchor'] = null;
  for (const line of await readCheckpointLines(dir)) {
    const c = line.checkpoint;
    if (!c || !hasValidSignature(keys, c)) {
      refused.push({ file: line.file, line: line.line });
      continue;
    }
    if (!anchor || c.lastId > anchor.checkpoint.lastId || (c.lastId === anchor.checkpoint.lastId && c.at > anchor.checkpoint.at)) {
      anchor = { ...line, checkpoint: c };
    }
  }
  const { rows } = await database.raw.query<{ row_count: string; hash: string | null }>(
    'SELECT (SELECT count(*) FROM audit_log) AS row_count, (SELECT hash FROM audit_log WHERE id = $1) AS hash',
    [anchor?.checkpoint.lastId ?? 0],
  );
  const rowCount = Number(rows[0]!.row_count);
  let problem: CheckpointProblem | null = null;
  if (anchor) {
    const c = anchor.checkpoint;
    const hash = rows[0]!.hash;
    if (c.lastId > 0 && hash === null) problem = 'anchored_entry_missing';
    else if (c.lastId > 0 && hash !== c.lastHash) problem = 'anchored_entry_changed';
    else if (rowCount < c.rowCount) problem = 'rows_removed';
  }
  return { refused, anchor, problem, rowCount };
}

export interface AuditVerifyReport {
  /** 0 intact; 1 the check asked for could not be made (no checkpoint); 2 altered, removed or forged. */
  exitCode: 0 | 1 | 2;
  out: string[];
  err: string[];
}

/**
 * What `npm run audit:verify` prints and its exit code: the chain, then, with a checkpoint folder, the
 * tail against the newest valid checkpoint. Messages are French: the operator reads them.
 */
export async function runAuditVerify(database: Database, options: { keys?: KeyProvider; checkpointDir?: string } = {}): Promise<AuditVerifyReport> {
  const report: AuditVerifyReport = { exitCode: 0, out: [], err: [] };
  const chain = await verifyAuditChain(database);
  if (chain.ok) {
    report.out.push(`Journal d'audit intègre : ${chain.checked} entrées vérifiées.`);
  } else {
    const broken = chain.firstBroken!;
    const what = broken.problem === 'hash_mismatch' ? 'son contenu a été modifié' : "l'entrée précédente a été modifiée, insérée ou supprimée";
    report.err.push(`Journal d'audit ROMPU à l'entrée n° ${broken.id} : ${what} (${chain.checked} entrées intègres avant elle).`);
    report.exitCode = 2;
  }
  if (!options.checkpointDir || !options.keys) return report;

  const dir = options.checkpointDir;
  const result = await verifyAgainstCheckpoint(database, options.keys, dir);
  for (const r of result.refused) {
    report.err.push(`Point de contrôle REFUSÉ (signature invalide ou ligne illisible) : ${r.file}, ligne ${r.line}. Ce fichier a été modifié hors de Vigie.`);
    report.exitCode = 2;
  }
  if (!result.anchor) {
    report.err.push(
      `Aucun point de contrôle signé valide dans ${dir} : impossible de vérifier que les dernières entrées du journal n'ont pas été supprimées. ` +
        'Vérifiez AUDIT_CHECKPOINT_DIR et AUDIT_CHECKPOINT_INTERVAL_MINUTES (0 = désactivé).',
    );
    if (report.exitCode === 0) report.exitCode = 1;
    return report;
  }
  const c = result.anchor.checkpoint;
  const named = `le point de contrôle du ${c.at} (${result.anchor.file}, ligne ${result.anchor.line})`;
  if (result.problem === null) {
    report.out.push(`Fin du journal conforme à ${named} : l'entrée n° ${c.lastId} est intacte et le journal compte ${result.rowCount} entrées (${c.rowCount} alors).`);
    return report;
  }
  const why = {
    anchored_entry_missing: `l'entrée n° ${c.lastId} qu'il atteste n'existe plus : les dernières entrées du journal ont été supprimées`,
    anchored_entry_changed: `l'entrée n° ${c.lastId} qu'il atteste a été remplacée (empreinte différente)`,
    rows_removed: `le journal compte ${result.rowCount} entrées alors qu'il en attestait ${c.rowCount} : des entrées ont été supprimées`,
  }[result.problem];
  report.err.push(`Journal d'audit TRONQUÉ selon ${named} : ${why}.`);
  report.exitCode = 2;
  return report;
}

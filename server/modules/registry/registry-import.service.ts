import { randomUUID } from 'node:crypto';
import {
  MAX_REPORTED_ERRORS,
  type TImportLineError,
  type TRegistryImportReport,
  type TRegistryImportRequest,
} from '../../../contracts/registry-search-import.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import type { Actor } from '../../platform/authz/policy.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import { fieldError } from '../../platform/errors.js';
import type { ImportError, ParsedLine } from './registry-import.fields.js';
import { parseRegistryCsv, registeredError, rejectRegistered } from './registry-import.parse.js';
import * as repo from './registry-import.repo.js';

/** Records per INSERT (each column travels as one array): bounds the statement's memory, not its speed. */
const BATCH_SIZE = 2000;

/**
 * Largest file the service reads. The web route stops uploads at MAX_IMPORT_BYTES (a JSON body); a
 * caller inside the server (the benchmark) may pass the doctors of a whole public RPPS extraction,
 * about 150 MB once the other professions are cut out. The file is whole in memory two or three times.
 */
export const MAX_SERVICE_IMPORT_BYTES = 256 * 1024 * 1024;

/** Thrown inside the transaction to undo an all-or-nothing import that lost a race on an RPPS. */
class ImportRolledBack extends Error {
  constructor(readonly errors: ImportError[]) {
    super('import rolled back');
  }
}

/** Doctors rejected: a doctor whose several lines carry errors counts once. */
function rejectedDoctors(errors: readonly ImportError[]): number {
  return new Set(errors.map((e) => e.record)).size;
}

/** The report lists errors as the contract has them, without the internal doctor key. */
function reported(errors: readonly ImportError[]): TImportLineError[] {
  return errors.slice(0, MAX_REPORTED_ERRORS).map(({ line, column, message }) => ({ line, column, message }));
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Imports a registry file (docs/registry-import.md): Vigie's layout, or the public RPPS extraction
 * whose activity lines are merged per doctor and whose other professions and départements are skipped
 * and counted. Every line is checked first (format, RPPS check digit, emails, phones, dates,
 * duplicates in the file and in the register, the importer's département); then, in one transaction,
 * `all_or_nothing` writes every doctor or none, `per_line` writes the valid ones. Each new record
 * gets history version 1 (source `import`); one audit entry (`registry.import.completed`, or
 * `registry.import.rejected` when nothing was written) records the counts in the same transaction.
 * Throws VALIDATION_FAILED (field `contentBase64`) when the file itself cannot be read: encoding,
 * separator, columns, size.
 */
export async function importRegistryCsv(
  deps: Pick<ServiceDeps, 'database'>,
  ctx: AuditContext,
  actor: Actor,
  input: TRegistryImportRequest,
  now: Date = new Date(),
): Promise<TRegistryImportReport> {
  const importId = randomUUID();
  const bytes = Buffer.from(input.contentBase64, 'base64');
  const parsed =
    bytes.length > MAX_SERVICE_IMPORT_BYTES
      ? ({ ok: false, message: `Le fichier dépasse ${MAX_SERVICE_IMPORT_BYTES / 1024 / 1024} Mo : découpez-le (par exemple par département).` } as const)
      : parseRegistryCsv(bytes, { scopeDepartement: actor.departement, today: isoDay(now) });
  const auditBase = { entityType: 'registry_import', entityId: importId };
  const facts = { fileName: input.fileName, mode: input.mode, departement: actor.departement, bytes: bytes.length };

  if (!parsed.ok) {
    await recordAudit(deps.database.db, ctx, { ...auditBase, action: 'registry.import.rejected', reason: parsed.message, details: facts });
    throw fieldError('contentBase64', parsed.message);
  }
  const { skipped } = parsed;
  const file = {
    ...facts,
    layout: parsed.layout,
    encoding: parsed.encoding,
    separator: parsed.separator,
    lines: parsed.lines,
    doctors: parsed.doctors,
    merged: parsed.merged,
    skippedProfessionLines: skipped.professions.reduce((n, p) => n + p.lines, 0),
    skippedOtherDepartement: skipped.otherDepartement.doctors,
    skippedNoDepartement: skipped.noDepartement.doctors,
  };

  const run = () =>
    deps.database.db.transaction(async (tx) => {
      rejectRegistered(parsed, await repo.findRegisteredRpps(tx, parsed.valid.map((l) => l.doctor.rpps)));
      const errors = [...parsed.errors];
      let inserted = 0;
      if (input.mode === 'per_line' || errors.length === 0) {
        for (let i = 0; i < parsed.valid.length; i += BATCH_SIZE) {
          const batch = parsed.valid.slice(i, i + BATCH_SIZE);
          const ids = await repo.insertDoctors(tx, batch.map((l) => l.doctor));
          const lost = batch.filter((l) => !ids.has(l.doctor.rpps));
          errors.push(...lost.map((l: ParsedLine) => registeredError(l, parsed.rppsColumn)));
          if (lost.length && input.mode === 'all_or_nothing') throw new ImportRolledBack(errors);
          await repo.insertImportHistory(tx, batch.filter((l) => ids.has(l.doctor.rpps)).map((l) => ({ doctorId: ids.get(l.doctor.rpps)!, doctor: l.doctor })), actor.userId);
          inserted += ids.size;
        }
      }
      errors.sort((a, b) => a.line - b.line);
      const rejected = rejectedDoctors(errors);
      await recordAudit(tx, ctx, {
        ...auditBase,
        action: inserted > 0 ? 'registry.import.completed' : 'registry.import.rejected',
        details: { ...file, inserted, rejected },
      });
      return { inserted, rejected, errors };
    });

  let result: { inserted: number; rejected: number; errors: ImportError[] };
  try {
    result = await run();
  } catch (err) {
    if (!(err instanceof ImportRolledBack)) throw err;
    const rejected = rejectedDoctors(err.errors);
    await recordAudit(deps.database.db, ctx, { ...auditBase, action: 'registry.import.rejected', details: { ...file, inserted: 0, rejected } });
    result = { inserted: 0, rejected, errors: err.errors.sort((a, b) => a.line - b.line) };
  }

  return {
    importId,
    mode: input.mode,
    outcome: result.inserted === 0 ? 'rejected' : result.rejected > 0 ? 'partial' : 'imported',
    encoding: parsed.encoding,
    separator: parsed.separator,
    layout: parsed.layout,
    lines: parsed.lines,
    doctors: parsed.doctors,
    merged: parsed.merged,
    skipped,
    inserted: result.inserted,
    rejected: result.rejected,
    errors: reported(result.errors),
    errorsTruncated: result.errors.length > MAX_REPORTED_ERRORS,
  };
}

import { randomUUID } from 'node:crypto';
import {
  MAX_DPC_IMPORT_BYTES,
  MAX_DPC_IMPORT_ERRORS,
  type TDpcImportReport,
  type TDpcImportRequest,
} from '../../../contracts/dpc.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import type { Actor } from '../../platform/authz/policy.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { foldForSearch } from '../../platform/text/fold.js';
import { alreadyCatalogued, parseCatalogue, type ImportLineError, type ParsedRow } from './dpc-import.parse.js';
import * as catalogue from './dpc-catalogue.repo.js';
import * as screenings from './dpc-screenings.repo.js';
import { CURRENT_SCREENER, screenedTextOf, type ProgrammeScreener } from './programme-screener.js';

/** Actions per INSERT (each column one array): bounds a statement's memory. */
const BATCH_SIZE = 2000;

/** Thrown inside the transaction to undo it when a line turns out to be refused. */
class ImportRefused extends Error {
  constructor(readonly errors: ImportLineError[]) {
    super('import refused');
  }
}

function refusal(errors: readonly ImportLineError[]): AppError {
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  return new AppError('VALIDATION_FAILED', {
    fields: sorted.slice(0, MAX_DPC_IMPORT_ERRORS).map((e) => ({ path: `lignes.${e.line}${e.field ? `.${e.field}` : ''}`, message: e.message })),
  });
}

/**
 * Imports a catalogue file (CSV or JSON) of training actions with their organisations, all or nothing:
 * every row is validated, then every action is screened against the drift lexicon (before the
 * transaction: it is the heavy part), then one transaction upserts the organisations, inserts the
 * actions and their screenings, and writes the audit entry `dpc.import.completed`. A reference already
 * in the catalogue is refused, as any bad line. Throws VALIDATION_FAILED listing each refused line
 * (`lignes.<line>.<field>`, French messages naming the line and the field) — nothing is written then,
 * and `dpc.import.rejected` is audited.
 */
export async function importDpcCatalogue(
  deps: Pick<ServiceDeps, 'database'>,
  ctx: AuditContext,
  actor: Actor,
  input: TDpcImportRequest,
  screener: ProgrammeScreener = CURRENT_SCREENER,
  now: Date = new Date(),
): Promise<TDpcImportReport> {
  const importId = randomUUID();
  const bytes = Buffer.from(input.contentBase64, 'base64');
  const audit = { entityType: 'dpc_import', entityId: importId };
  const facts = { fileName: input.fileName, format: input.format, bytes: bytes.length };
  const refuse = async (error: AppError, details: Record<string, unknown>) => {
    await recordAudit(deps.database.db, ctx, { ...audit, action: 'dpc.import.rejected', details: { ...facts, ...details } });
    return error;
  };

  const parsed =
    bytes.length > MAX_DPC_IMPORT_BYTES
      ? ({ ok: false, message: 'Le fichier dépasse 20 Mo : découpez le catalogue en plusieurs fichiers.' } as const)
      : parseCatalogue(bytes, input.format);
  if (!parsed.ok) throw await refuse(new AppError('VALIDATION_FAILED', { fields: [{ path: 'contentBase64', message: parsed.message }] }), { reason: parsed.message });
  if (parsed.errors.length > 0) {
    const refusedLines = new Set(parsed.errors.map((e) => e.line)).size;
    throw await refuse(refusal(parsed.errors), { lines: parsed.rows.length + refusedLines, refusedLines });
  }

  const screened = parsed.rows.map((p) => ({ ...p, screening: screener.screen(screenedTextOf(p.row)) }));
  try {
    return await deps.database.db.transaction(async (tx) => {
      const catalogued = await catalogue.findCataloguedReferences(tx, parsed.rows.map((p) => p.row.reference));
      if (catalogued.size > 0) throw new ImportRefused(parsed.rows.filter((p) => catalogued.has(p.row.reference)).map((p) => alreadyCatalogued(p, input.format)));
      const organisations = await catalogue.upsertOrganisations(tx, [...new Map(parsed.rows.map((p) => [p.row.organisationNumber, p.row])).values()]);
      for (let i = 0; i < screened.length; i += BATCH_SIZE) {
        const batch = screened.slice(i, i + BATCH_SIZE);
        const ids = await catalogue.insertActions(tx, batch.map((p) => newAction(p, organisations.get(p.row.organisationNumber)!.id)), importId, actor.userId);
        const lost = batch.filter((p) => !ids.has(p.row.reference));
        if (lost.length > 0) throw new ImportRefused(lost.map((p) => alreadyCatalogued(p, input.format)));
        await screenings.writeScreenings(tx, batch.map((p) => ({ actionId: ids.get(p.row.reference)!, screening: p.screening })), now);
      }
      const created = [...organisations.values()].filter((o) => o.created).length;
      const report: TDpcImportReport = {
        importId,
        format: input.format,
        actionsImported: screened.length,
        organisationsCreated: created,
        organisationsUpdated: organisations.size - created,
        lexiconVersion: screener.lexiconVersion,
        priorities: { aucune: 0, basse: 0, moyenne: 0, haute: 0 },
      };
      for (const p of screened) report.priorities[p.screening.priority] += 1;
      const { actionsImported, organisationsUpdated, lexiconVersion, priorities } = report;
      const counts = { actionsImported, organisationsCreated: created, organisationsUpdated, lexiconVersion, priorities };
      await recordAudit(tx, ctx, { ...audit, action: 'dpc.import.completed', details: { ...facts, ...counts } });
      return report;
    });
  } catch (error) {
    if (!(error instanceof ImportRefused)) throw error;
    throw await refuse(refusal(error.errors), { lines: parsed.rows.length, refusedLines: error.errors.length, reason: 'already_catalogued' });
  }
}

function newAction(parsed: ParsedRow, organisationId: string): catalogue.NewAction {
  const { row } = parsed;
  return {
    organisationId,
    reference: row.reference,
    title: row.title,
    programme: row.programme,
    orientation: row.orientation ?? null,
    format: row.format,
    startsOn: row.startsOn ?? null,
    endsOn: row.endsOn ?? null,
    searchText: foldForSearch([row.reference, row.title, row.orientation ?? '', row.programme].join(' ')),
  };
}

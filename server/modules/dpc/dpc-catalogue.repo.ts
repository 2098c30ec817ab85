import { sql } from 'drizzle-orm';
import type { DpcActionFormat, TDpcImportRow } from '../../../contracts/dpc.schemas.js';
import type { Executor } from '../../platform/db/client.js';
import { rows } from '../../platform/db/rows.js';

// Writes of an import. Every statement takes its rows as arrays (INSERT … SELECT FROM unnest), as the
// registry import does: one statement per batch, whatever its size.

/** The references among `references` already in the catalogue. */
export async function findCataloguedReferences(tx: Executor, references: readonly string[]): Promise<Set<string>> {
  const found = await rows<{ reference: string }>(tx, sql`
    SELECT reference FROM dpc_actions WHERE reference = ANY(${sql.param(references)}::text[])`);
  return new Set(found.map((r) => r.reference));
}

export type OrganisationValues = Pick<TDpcImportRow, 'organisationNumber' | 'organisationName' | 'organisationEmail' | 'organisationPhone'>;

/**
 * Adds the organisations new to the catalogue and brings the others' name and contacts up to date (the
 * latest file is the ANDPC's latest word). Returns each one's id, and whether it was created.
 */
export async function upsertOrganisations(tx: Executor, organisations: readonly OrganisationValues[]): Promise<Map<string, { id: string; created: boolean }>> {
  const column = (pick: (o: OrganisationValues) => string | undefined) => sql.param(organisations.map((o) => pick(o) ?? null));
  const written = await rows<{ id: string; registration_number: string; created: boolean }>(tx, sql`
    INSERT INTO dpc_organisations (registration_number, name, contact_email, contact_phone)
    SELECT * FROM unnest(${column((o) => o.organisationNumber)}::text[], ${column((o) => o.organisationName)}::text[],
                         ${column((o) => o.organisationEmail)}::text[], ${column((o) => o.organisationPhone)}::text[])
    ON CONFLICT (registration_number) DO UPDATE
      SET name = EXCLUDED.name, contact_email = EXCLUDED.contact_email, contact_phone = EXCLUDED.contact_phone, updated_at = now()
    RETURNING id, registration_number, (xmax = 0) AS created`);
  return new Map(written.map((r) => [r.registration_number, { id: r.id, created: r.created }]));
}

export interface NewAction {
  organisationId: string;
  reference: string;
  title: string;
  programme: string;
  orientation: string | null;
  format: DpcActionFormat;
  startsOn: string | null;
  endsOn: string | null;
  searchText: string;
}

/** Inserts actions, skipping references catalogued meanwhile by a concurrent import; returns ids by reference. */
export async function insertActions(tx: Executor, batch: readonly NewAction[], importId: string, importedBy: string | null): Promise<Map<string, string>> {
  const column = <K extends keyof NewAction>(key: K) => sql.param(batch.map((a) => a[key]));
  const inserted = await rows<{ id: string; reference: string }>(tx, sql`
    INSERT INTO dpc_actions (organisation_id, reference, title, programme, orientation, format, starts_on, ends_on, search_text, import_id, imported_by)
    SELECT a.*, ${importId}::uuid, ${importedBy}::uuid
    FROM unnest(${column('organisationId')}::uuid[], ${column('reference')}::text[], ${column('title')}::text[], ${column('programme')}::text[],
                ${column('orientation')}::text[], ${column('format')}::text[], ${column('startsOn')}::date[], ${column('endsOn')}::date[],
                ${column('searchText')}::text[]) AS a
    ON CONFLICT (reference) DO NOTHING
    RETURNING id, reference`);
  return new Map(inserted.map((r) => [r.reference, r.id]));
}

import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { analyzeText } from '../../../analysis/analyze.js';
import { MESSAGE_KIND_OF_CHANNEL } from '../../../contracts/report-vocabulary.js';
import type { Database } from '../../platform/db/client.js';
import type { UploadStore } from '../../platform/storage/upload-store.js';
import { reportAttachments, reports, type AttachmentMediaType, type AttachmentOrigin, type ReportRow } from '../../platform/db/schema-reports.js';
import { foldForSearch } from '../../platform/text/fold.js';

// Test factory for the back-office: reports inserted directly, as the reports module and the email
// intake store them (analysis run by the engine, search text folded, files in the upload store), so the
// triage tests do not depend on how a report is filed.

const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newReceiptNumber(year = new Date().getFullYear()): string {
  let random = '';
  for (let i = 0; i < 8; i++) random += RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)];
  return `SIG-${year}-${random}`;
}

export interface AttachmentSpec {
  fileName: string;
  mediaType: AttachmentMediaType;
  bytes: Uint8Array;
  origin?: AttachmentOrigin;
}

export type ReportSpec = Partial<typeof reports.$inferInsert> & { attachments?: AttachmentSpec[] };

/** A realistic SMS of the « certification périodique » scam, the most reported one in the circulars. */
export const SCAM_SMS =
  'Ordre des Médecins : votre certification périodique doit être validée avant le 30/06 sous peine de radiation. ' +
  'Régularisez sur https://ordre-medecins-certif.com/validation ou rappelez le 09 70 12 34 56.';

/** Inserts a report (and its files) and returns the row. Defaults: a confirmed SMS report from Paris. */
export async function buildReport(database: Database, uploads: UploadStore, spec: ReportSpec = {}): Promise<ReportRow> {
  const { attachments = [], ...overrides } = spec;
  const channel = overrides.channel ?? 'sms';
  const pastedText = overrides.pastedText ?? SCAM_SMS;
  const description = overrides.description ?? 'J’ai reçu ce SMS ce matin sur mon portable professionnel.';
  const analysis = analyzeText({ kind: MESSAGE_KIND_OF_CHANNEL[channel], text: [pastedText, description].filter(Boolean).join('\n\n') || '—' });
  const receiptNumber = overrides.receiptNumber ?? newReceiptNumber();
  const organisationName = overrides.organisationName ?? 'Ordre des médecins';
  const callerNumber = overrides.callerNumber ?? '';
  const sender = overrides.sender ?? '';
  const links = overrides.links ?? [];
  const values: typeof reports.$inferInsert = {
    source: 'formulaire',
    status: 'nouveau',
    departement: '75',
    reporterEmail: overrides.reporterUserId ? null : 'docteur.martin@exemple.fr',
    reporterName: 'Dr Claire Martin',
    confirmedAt: new Date(),
    verdict: analysis.verdict,
    scamFamily: analysis.family?.id ?? null,
    ...overrides,
    receiptNumber,
    channel,
    pastedText,
    description,
    organisationName,
    callerNumber,
    sender,
    links,
    analysis: overrides.analysis === undefined ? analysis : overrides.analysis,
    searchText: overrides.searchText ?? foldForSearch([organisationName, callerNumber, sender, ...links, description, pastedText].join(' ')),
  };
  // Marked grouped in the same transaction: the campaign worker of the test runtime must not regroup
  // these reports (or merge the campaigns a test places them in) while the test reads them.
  const row = await database.db.transaction(async (tx) => {
    const [inserted] = await tx.insert(reports).values(values).returning();
    await tx.update(reports).set({ groupedAt: new Date() }).where(eq(reports.id, inserted!.id));
    return inserted;
  });
  for (const file of attachments) {
    const stored = await uploads.put(file.bytes);
    await database.db.insert(reportAttachments).values({
      reportId: row!.id,
      origin: file.origin ?? 'televersement',
      fileName: file.fileName,
      mediaType: file.mediaType,
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
      storageKey: stored.key,
      scanStatus: 'non_analyse',
    });
  }
  return row!;
}

/** The 8-byte PNG signature and an empty IHDR-sized tail: detected as image/png by its magic bytes. */
export const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);

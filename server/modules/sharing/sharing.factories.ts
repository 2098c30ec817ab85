import { deflateSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { analyzeText } from '../../../analysis/analyze.js';
import type { Analysis } from '../../../analysis/analysis.types.js';
import { MESSAGE_KIND_OF_CHANNEL } from '../../../contracts/report-vocabulary.js';
import type { Database } from '../../platform/db/client.js';
import type { UploadStore } from '../../platform/storage/upload-store.js';
import {
  campaigns,
  indicators,
  reportAttachments,
  reportIndicators,
  reports,
  type AttachmentMediaType,
  type AttachmentOrigin,
  type CampaignRow,
  type IndicatorKind,
  type IndicatorStatus,
  type ReportRow,
} from '../../platform/db/schema-reports.js';

// Test data for the sharing, watchlists and dashboard slices, inserted directly as the reports and
// campaigns modules would have written it.

let counter = 0;
const RECEIPT_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function receiptNumber(): string {
  const random = [...randomBytes(8)].map((b) => RECEIPT_ALPHABET[b % RECEIPT_ALPHABET.length]).join('');
  return `SIG-2026-${random}`;
}

export async function buildCampaign(database: Database, overrides: Partial<typeof campaigns.$inferInsert> = {}): Promise<CampaignRow> {
  counter += 1;
  const [row] = await database.db
    .insert(campaigns)
    .values({
      reference: `CAMP-2026-${String(1000 + counter)}${randomBytes(2).readUInt16BE() % 1000}`,
      label: 'Faux remboursement Assurance Maladie par SMS',
      status: 'qualifiee',
      scamFamily: 'assurance_maladie',
      firstReportAt: new Date('2026-02-02T09:15:00Z'),
      lastReportAt: new Date('2026-02-10T17:40:00Z'),
      createdAt: new Date('2026-02-02T09:20:00Z'),
      updatedAt: new Date('2026-02-10T17:45:00Z'),
      ...overrides,
    })
    .returning();
  return row!;
}

export const DEFAULT_PASTED_TEXT = 'ameli : votre remboursement de 42,50 € est en attente, confirmez sur https://ameli-remboursement.fr/dossier';

/**
 * A confirmed SMS report from Paris by default, analysed by the engine as the reports module does (the
 * verdict and family follow the analysis unless given).
 */
export async function buildReport(database: Database, overrides: Partial<typeof reports.$inferInsert> = {}): Promise<ReportRow> {
  counter += 1;
  const channel = overrides.channel ?? 'sms';
  const pastedText = overrides.pastedText ?? DEFAULT_PASTED_TEXT;
  const analysis: Analysis | null = pastedText.trim() === '' ? null : analyzeText({ kind: MESSAGE_KIND_OF_CHANNEL[channel], text: pastedText });
  // Marked grouped in the same transaction: the test runtime's campaign worker must not regroup these
  // reports (nor merge the campaigns a test places them in) while the test reads them.
  const [row] = await database.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(reports)
      .values({
        receiptNumber: receiptNumber(),
        source: 'formulaire',
        status: 'nouveau',
        channel,
        occurredOn: '2026-02-09',
        organisationName: 'Assurance Maladie',
        callerNumber: '06 12 34 56 78',
        sender: '',
        links: ['https://ameli-remboursement.fr/dossier'],
        description: "J'ai reçu un SMS me demandant de mettre à jour ma carte Vitale.",
        pastedText,
        departement: '75',
        reporterEmail: `declarant.${counter}@exemple.fr`,
        reporterName: 'Hélène Lefèvre',
        analysis,
        verdict: analysis?.verdict ?? null,
        scamFamily: analysis?.family?.id ?? null,
        ...overrides,
      })
      .returning();
    await tx.update(reports).set({ groupedAt: new Date() }).where(eq(reports.id, inserted[0]!.id));
    return inserted;
  });
  return row!;
}

export interface IndicatorSpec {
  kind: IndicatorKind;
  value: string;
  status?: IndicatorStatus;
  firstSeenAt?: Date;
  lastSeenAt?: Date;
}

/** Links the values to the report (report_indicators) and records their life (indicators). */
export async function addIndicators(database: Database, reportId: string, specs: readonly IndicatorSpec[]): Promise<void> {
  for (const spec of specs) {
    await database.db.insert(reportIndicators).values({ reportId, kind: spec.kind, value: spec.value }).onConflictDoNothing();
    await database.db
      .insert(indicators)
      .values({
        kind: spec.kind,
        value: spec.value,
        status: spec.status ?? 'actif',
        sightings: 1,
        firstSeenAt: spec.firstSeenAt ?? new Date('2026-02-02T09:15:00Z'),
        lastSeenAt: spec.lastSeenAt ?? new Date('2026-02-10T17:40:00Z'),
      })
      .onConflictDoUpdate({
        target: [indicators.kind, indicators.value],
        set: { sightings: sql`${indicators.sightings} + 1`, ...(spec.status ? { status: spec.status } : {}) },
      });
  }
}

export async function addAttachment(
  database: Database,
  uploads: UploadStore,
  reportId: string,
  file: { bytes: Uint8Array; fileName: string; mediaType: AttachmentMediaType; origin?: AttachmentOrigin },
) {
  const stored = await uploads.put(file.bytes);
  const [row] = await database.db
    .insert(reportAttachments)
    .values({
      reportId,
      origin: file.origin ?? 'televersement',
      fileName: file.fileName,
      mediaType: file.mediaType,
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
      storageKey: stored.key,
      scanStatus: 'sain',
    })
    .returning();
  return row!;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG (RGB, 8 bits) of the given size, filled with one colour: what a screenshot upload holds. */
export function buildPng(width = 4, height = 3, rgb: [number, number, number] = [200, 30, 30]): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.concat(Array.from({ length: height }, () => Buffer.from([0, ...Array.from({ length: width }, () => rgb).flat()])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(rows)), pngChunk('IEND', Buffer.alloc(0))]);
}

/**
 * The markers of a baseline JPEG (SOI, JFIF, frame header, EOI): a PDF embeds JPEG bytes as they are
 * (DCTDecode), reading only the frame header, so this is enough to prove the embedding.
 */
export function buildJpegMarkers(width = 8, height = 6): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  const sof0 = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01];
  return Uint8Array.from([0xff, 0xd8, ...app0, ...sof0, 0xff, 0xd9]);
}

import { randomInt } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.js';
import { rows } from '../../platform/db/rows.js';
import { reports, type ReportRow } from '../../platform/db/schema-reports.js';

// Test factory of the campaigns module: report rows as the reports module files them (confirmed,
// analysed or not), inserted directly so grouping tests do not depend on the filing path.

const RECEIPT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function receiptNumber(): string {
  let random = '';
  for (let i = 0; i < 8; i++) random += RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)];
  return `SIG-${new Date().getUTCFullYear()}-${random}`;
}

let counter = 0;

/** A confirmed report (status nouveau, not grouped yet), SMS by default. */
export async function buildReport(database: Database, overrides: Partial<typeof reports.$inferInsert> = {}): Promise<ReportRow> {
  counter += 1;
  const [row] = await database.db
    .insert(reports)
    .values({
      receiptNumber: receiptNumber(),
      source: 'formulaire',
      status: 'nouveau',
      channel: 'sms',
      occurredOn: new Date().toISOString().slice(0, 10),
      departement: '75',
      reporterEmail: `declarant.${counter}.${Math.random().toString(36).slice(2, 7)}@exemple.fr`,
      reporterName: 'Dr Déclarant',
      confirmedAt: new Date(),
      // Filing order decides grouping order: keep it strict even within one millisecond.
      createdAt: new Date(Date.now() + counter),
      ...overrides,
    })
    .returning();
  return row!;
}

/** An SMS of the « faux contrôle de certification » kind, with variations by `variant`. */
export function certificationSms(variant: number, phone = '09 70 12 34 56'): string {
  const names = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand'];
  return (
    `Dr ${names[variant % names.length]}, la Direction régionale de la certification périodique vous informe que votre dossier ` +
    `est incomplet. Sans régularisation avant le ${10 + (variant % 18)}/0${1 + (variant % 9)}, une procédure de radiation sera engagée. ` +
    `Contactez sans attendre le service au ${phone} ou complétez votre dossier en ligne sur certif-medecins-dossier.fr/d${variant}`
  );
}

export async function campaignOfReport(database: Database, reportId: string): Promise<string | null> {
  const [row] = await database.db.select({ campaignId: reports.campaignId }).from(reports).where(eq(reports.id, reportId));
  return row?.campaignId ?? null;
}

export async function countLiveCampaigns(database: Database): Promise<number> {
  const [live] = await rows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM campaigns WHERE merged_into IS NULL`);
  return Number(live!.n);
}

/**
 * Files `count` short notes (too short for a text signature, no indicator): filler that makes a drain
 * big enough to use the band-key filter (grouping.service.ts). Numbered from a per-process counter.
 */
let notesFiled = 0;
export async function fileShortNotes(database: Database, count = 100): Promise<void> {
  for (let i = 0; i < count; i++) await buildReport(database, { pastedText: `Note ${(notesFiled += 1)}.` });
}

/** A contribution-recall scam with no number and no link: only its wording ties two copies together. */
export function contributionRecallSms(name: string): string {
  return `Docteur ${name}, la caisse de retraite des praticiens a recalcule vos droits du dernier exercice et un rappel de cotisation reste du, reglez le solde par carte avant vendredi pour eviter la penalite de retard.`;
}

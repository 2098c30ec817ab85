import { VERDICT_LABELS, type Verdict } from '../../../analysis/analysis.types.js';
import { isScamFamily, LINKING_INDICATOR_STATUSES, SCAM_FAMILY_LABELS } from '../../../contracts/campaigns.schemas.js';
import { TLP_LABELS, type TIndicatorExportQuery } from '../../../contracts/sharing.schemas.js';
import type { ServiceDeps } from '../../platform/deps.js';
import type { IndicatorStatus, ReportRow } from '../../platform/db/schema-reports.js';
import { AppError } from '../../platform/errors.js';
import { isInScope, type Actor } from '../../platform/authz/policy.js';
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js';
import { indicatorsToCsv, indicatorsToMisp, indicatorsToStix, type ExportCampaign } from './indicator-formats.js';
import { renderDossierPdf, type DossierAttachment, type DossierData } from './dossier-pdf.js';
import * as repo from './sharing.repo.js';

const LINKING_STATUSES: readonly IndicatorStatus[] = LINKING_INDICATOR_STATUSES;
// Common values and false positives are never shared: they would flag the innocent.
const ALL_SHAREABLE_STATUSES: readonly IndicatorStatus[] = ['actif', 'approuve', 'en_attente', 'expire'];
/** Screenshots embedded in one dossier; beyond, they are listed with their fingerprint only. */
const MAX_EMBEDDED_IMAGES = 20;

export interface ExportedFile<Body extends string | Buffer> {
  body: Body;
  contentType: string;
  fileName: string;
}

/**
 * Loads a campaign the actor may share: national accounts any, departmental ones a campaign holding at
 * least one report of their département. Throws NOT_FOUND otherwise (and for a campaign merged away).
 */
async function loadCampaignInScope(deps: ServiceDeps, actor: Actor, campaignId: string) {
  const campaign = await repo.findCampaign(deps.database.db, campaignId);
  if (!campaign || campaign.mergedInto !== null) throw new AppError('NOT_FOUND');
  if (actor.departement !== null && !(await repo.campaignHasReportIn(deps.database.db, campaign.id, actor.departement))) throw new AppError('NOT_FOUND');
  return campaign;
}

/**
 * A campaign's indicators as CSV, STIX 2.1 bundle or MISP event, audited (format, count, TLP). Only
 * phone numbers, domains, URLs and addresses; never a reporter, a note or a report's text.
 * Throws NOT_FOUND (unknown or out of scope).
 */
export async function exportCampaignIndicators(deps: ServiceDeps, ctx: AuditContext, actor: Actor, campaignId: string, query: TIndicatorExportQuery): Promise<ExportedFile<string>> {
  const row = await loadCampaignInScope(deps, actor, campaignId);
  const statuses = query.include === 'all' ? ALL_SHAREABLE_STATUSES : LINKING_STATUSES;
  const indicators = await repo.listCampaignIndicators(deps.database.db, row.id, statuses, actor.departement);
  const campaign: ExportCampaign = {
    id: row.id,
    reference: row.reference,
    label: row.label,
    status: row.status,
    scamFamily: row.scamFamily,
    firstReportAt: row.firstReportAt,
    lastReportAt: row.lastReportAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
  const base = `indicateurs-${row.reference}-${TLP_LABELS[query.tlp].replace(':', '-')}`;
  let file: ExportedFile<string>;
  switch (query.format) {
    case 'csv':
      file = { body: indicatorsToCsv(campaign, indicators), contentType: 'text/csv; charset=utf-8', fileName: `${base}.csv` };
      break;
    case 'stix':
      file = { body: JSON.stringify(indicatorsToStix(campaign, indicators, query.tlp), null, 2), contentType: 'application/stix+json; version=2.1; charset=utf-8', fileName: `${base}.stix.json` };
      break;
    case 'misp':
      file = { body: JSON.stringify(indicatorsToMisp(campaign, indicators, query.tlp), null, 2), contentType: 'application/json; charset=utf-8', fileName: `${base}.misp.json` };
      break;
  }
  await recordAudit(deps.database.db, ctx, {
    action: 'campaigns.indicators.exported',
    entityType: 'campaign',
    entityId: row.id,
    details: { format: query.format, count: indicators.length, tlp: query.tlp, include: query.include },
  });
  return file;
}

interface StoredAnalysis {
  score?: unknown;
  verdict?: unknown;
  family?: { label?: unknown } | null;
  findings?: { explanation?: unknown }[];
  complete?: unknown;
  partial?: unknown;
}

function analysisOf(report: ReportRow): DossierData['analysis'] {
  const stored = (report.analysis ?? null) as StoredAnalysis | null;
  const verdict = (report.verdict ?? (typeof stored?.verdict === 'string' ? stored.verdict : null)) as Verdict | null;
  if (!stored && !verdict) return null;
  const family =
    (report.scamFamily && isScamFamily(report.scamFamily) ? SCAM_FAMILY_LABELS[report.scamFamily] : undefined) ?? (typeof stored?.family?.label === 'string' ? stored.family.label : null);
  const findings = Array.isArray(stored?.findings) ? stored.findings.map((f) => f?.explanation).filter((e): e is string => typeof e === 'string').slice(0, 30) : [];
  return {
    verdictLabel: verdict && Object.hasOwn(VERDICT_LABELS, verdict) ? VERDICT_LABELS[verdict] : 'Non déterminé',
    score: typeof stored?.score === 'number' ? Math.round(stored.score) : null,
    familyLabel: family,
    findings,
    complete: stored?.complete !== false && stored?.partial !== true,
  };
}

/**
 * A report's dossier as a PDF for a complaint: facts, reporter (omitted when pseudonymous), analysis,
 * copies of the exchanges; never the council's notes. A confidential read: audited.
 * Throws NOT_FOUND (unknown, not yet confirmed, or outside the actor's département).
 */
export async function exportReportDossier(deps: ServiceDeps, ctx: AuditContext, actor: Actor, reportId: string): Promise<ExportedFile<Buffer>> {
  const db = deps.database.db;
  const report = await repo.findReport(db, reportId);
  if (!report || report.status === 'en_attente_confirmation' || !isInScope(actor, report.departement)) throw new AppError('NOT_FOUND');

  let reporter: DossierData['reporter'] = { pseudonymous: true };
  if (!report.pseudonymous) {
    const account = report.reporterUserId ? await repo.findReporterAccount(db, report.reporterUserId) : null;
    reporter = {
      pseudonymous: false,
      name: account?.displayName ?? (report.reporterName || 'non indiqué'),
      email: account?.email ?? report.reporterEmail,
    };
  }
  const campaign = report.campaignId ? await repo.findCampaignLabel(db, report.campaignId) : null;
  const rows = await repo.listAttachments(db, report.id);
  let embedded = 0;
  const attachments: DossierAttachment[] = [];
  for (const a of rows) {
    const item: DossierAttachment = { fileName: a.fileName, mediaType: a.mediaType, sizeBytes: a.sizeBytes, sha256: a.sha256, origin: a.origin, scanStatus: a.scanStatus };
    if ((a.mediaType === 'image/png' || a.mediaType === 'image/jpeg') && embedded < MAX_EMBEDDED_IMAGES) {
      // A file missing from the store is still listed with its fingerprint; the dossier is not refused.
      const bytes = await deps.uploads.get(a.storageKey).catch(() => null);
      if (bytes) {
        item.image = bytes;
        embedded += 1;
      }
    }
    attachments.push(item);
  }

  const pdf = await renderDossierPdf({
    receiptNumber: report.receiptNumber,
    createdAt: report.createdAt,
    occurredOn: report.occurredOn,
    channel: report.channel,
    source: report.source,
    status: report.status,
    departement: report.departement,
    organisationName: report.organisationName,
    callerNumber: report.callerNumber,
    sender: report.sender,
    links: report.links,
    description: report.description,
    pastedText: report.pastedText,
    reporter,
    campaign,
    analysis: analysisOf(report),
    attachments,
    generatedAt: new Date(),
  });
  await recordAudit(db, ctx, {
    action: 'reports.dossier.exported',
    entityType: 'report',
    entityId: report.id,
    details: { receiptNumber: report.receiptNumber, pseudonymous: report.pseudonymous, attachments: rows.length, embeddedImages: embedded },
  });
  return { body: pdf, contentType: 'application/pdf', fileName: `dossier-${report.receiptNumber}.pdf` };
}

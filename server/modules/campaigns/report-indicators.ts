// The indicators of one report, normalised as the analysis engine's lookup keys (E.164 numbers,
// registrable domains, full URLs, lower-case addresses) so that a value published from a campaign is
// found again by every later analysis. Pure.

import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { parse as parseDomain } from 'tldts';
import { MESSAGE_KIND_OF_CHANNEL, type ReportChannel } from '../../../contracts/report-vocabulary.js';
import { extractTextIndicators } from '../../../analysis/analyze.js';
import { MESSAGE_KINDS, type Indicators, type MessageKind } from '../../../analysis/analysis.types.js';
import { cleanAddress, extractAddresses } from '../../../analysis/messages/email/extract-addresses.js';
import { parseLinkCandidate } from '../../../analysis/messages/links/extract-links.js';
import { frenchNumber } from '../../../analysis/messages/phones/extract-phones.js';
import type { IndicatorKind } from '../../platform/db/schema-reports.js';
import { isCommonValue, normaliseOrganisation } from './common-values.js';

export interface ReportIndicatorSource {
  channel: ReportChannel;
  callerNumber: string;
  sender: string;
  links: readonly string[];
  organisationName: string;
  pastedText: string;
  description: string;
  /** The engine's output stored with the report (`reports.analysis`); its `indicators` are reused. */
  analysis: unknown;
  /** The reporter's own addresses: never indicators (a forwarded email quotes them). */
  reporterAddresses: readonly string[];
  /** The reporter's own numbers, E.164 (from the register): never indicators, never published. */
  reporterPhones?: readonly string[];
}

/** The columns of a `reports` row (with its reporter's account email and register numbers) a source is made of. */
export interface ReportSourceRow {
  channel: ReportChannel;
  caller_number: string;
  sender: string;
  links: readonly string[];
  organisation_name: string;
  pasted_text: string;
  description: string;
  reporter_email: string | null;
  reporter_user_email: string | null;
  reporter_phones: readonly string[] | null;
}

/**
 * A report row as the extraction reads it. `analysis` is passed apart because the grouping and the
 * backfill read different parts of the stored analysis (its indicators only, or also its shown text).
 */
export function reportSourceOf(row: ReportSourceRow, analysis: unknown): ReportIndicatorSource {
  return {
    channel: row.channel,
    callerNumber: row.caller_number,
    sender: row.sender,
    links: row.links,
    organisationName: row.organisation_name,
    pastedText: row.pasted_text,
    description: row.description,
    analysis,
    reporterAddresses: [row.reporter_email, row.reporter_user_email].filter((a): a is string => !!a),
    reporterPhones: row.reporter_phones ?? [],
  };
}

export interface ReportIndicator {
  kind: IndicatorKind;
  value: string;
}

/**
 * The version of the rules that turn a report into indicators. Raise it when they change the values a
 * stored report gives (commit 9edcef4, issue 14: 2): the next start reads every report again, once
 * (indicator-backfill.service.ts).
 */
export const INDICATOR_EXTRACTION_VERSION = 2;

/** Per report: more says nothing more about its campaign and would only slow the grouping. */
export const MAX_INDICATORS_PER_REPORT = 60;
const MAX_VALUE_LENGTH = 2048;

/** A phone number as typed (« 09 70 12 34 56 », « +33 9… »), French by default: E.164, or a short number. */
export function normalisePhone(value: string): string | null {
  const trimmed = value.trim();
  const digits = trimmed.replace(/[\s.\-()/]/g, '');
  if (/^3[0-9]{3}$/.test(digits)) return digits;
  // Digits glued to letters are a reference or an SMS sender's name (« CP2025-88412 »), not a number.
  if (/\p{L}[0-9]|[0-9]\p{L}/u.test(trimmed)) return null;
  const parsed = parsePhoneNumberFromString(trimmed, 'FR');
  if (!parsed?.isPossible()) return null;
  // As the engine reads it: an overseas number dialled with a 0 (« 0692 … ») has its own country code.
  const national = /^0[1-9]/.test(digits.replace(/^[^0-9+]+/, ''));
  return national && parsed.country === 'FR' ? frenchNumber(parsed.nationalNumber).e164 : parsed.number;
}

/** The registrable domain of a host (« conseil75.medecin.fr » → « medecin.fr »), the host itself for an IP. */
export function registrableDomain(host: string): string {
  const lower = host.toLowerCase().replace(/\.$/, '');
  return parseDomain(lower).domain ?? lower;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** The `indicators` of a stored analysis, when it has the engine's shape; null otherwise. */
export function storedIndicators(analysis: unknown): Pick<Indicators, 'domains' | 'urls'> & { phones: string[]; addresses: string[] } | null {
  if (typeof analysis !== 'object' || analysis === null) return null;
  const indicators = (analysis as { indicators?: unknown }).indicators;
  if (typeof indicators !== 'object' || indicators === null) return null;
  const { phones, domains, urls, emailAddresses } = indicators as Record<string, unknown>;
  if (!Array.isArray(phones) || !isStringArray(domains) || !isStringArray(urls) || !Array.isArray(emailAddresses)) return null;
  return {
    phones: phones.map((p) => (p as { e164?: unknown }).e164).filter((v): v is string => typeof v === 'string'),
    domains,
    urls,
    addresses: emailAddresses.map((e) => (e as { address?: unknown }).address).filter((v): v is string => typeof v === 'string'),
  };
}

function fromEngine(indicators: Indicators) {
  return {
    phones: indicators.phones.map((p) => p.e164),
    domains: [...indicators.domains],
    urls: [...indicators.urls],
    addresses: indicators.emailAddresses.map((e) => e.address),
  };
}

/**
 * Every indicator of a report: its structured fields (caller number, sender, links, organisation name)
 * and what the analysis engine found in the copy of the exchanges (the stored analysis when there is
 * one, else the text read again). The reporter's own addresses and their domain are left out.
 */
export function extractReportIndicators(source: ReportIndicatorSource): ReportIndicator[] {
  const found = new Map<string, ReportIndicator>();
  const add = (kind: IndicatorKind, value: string | null | undefined) => {
    if (!value || value.length > MAX_VALUE_LENGTH || found.size >= MAX_INDICATORS_PER_REPORT) return;
    found.set(`${kind}\u0000${value}`, { kind, value });
  };
  const addAddress = (address: string) => {
    const lower = address.trim().toLowerCase();
    add('email', lower);
    add('domain', registrableDomain(lower.slice(lower.lastIndexOf('@') + 1)));
  };
  const addLink = (link: string) => {
    const parsed = parseLinkCandidate(link.trim());
    if (!parsed || parsed.unusualScheme) return;
    add('url', parsed.url);
    add('domain', registrableDomain(parsed.host));
  };

  if (source.callerNumber.trim() !== '') add('phone', normalisePhone(source.callerNumber));
  const sender = source.sender.trim();
  if (sender.includes('@')) for (const a of extractAddresses(sender)) addAddress(a.address);
  else if (sender !== '') add('phone', normalisePhone(sender));
  for (const link of source.links) addLink(link);
  if (source.organisationName.trim() !== '') add('organisation', normaliseOrganisation(source.organisationName) || null);

  // The stored analysis read the copy, the description, the numbers and the links together.
  const stored = storedIndicators(source.analysis);
  const texts = stored
    ? [stored]
    : [
        source.pastedText.trim() !== '' ? fromEngine(extractTextIndicators({ kind: MESSAGE_KIND_OF_CHANNEL[source.channel], text: source.pastedText })) : null,
        // The reporter's own words are read only when there is no copy of the exchanges: they may hold
        // the reporter's number (« rappelez-moi au … »), which must never become an indicator.
        source.description.trim() !== '' && source.pastedText.trim() === '' ? fromEngine(extractTextIndicators({ kind: 'call', text: source.description })) : null,
      ];
  for (const t of texts) {
    if (!t) continue;
    for (const phone of t.phones) add('phone', phone);
    for (const address of t.addresses) add('email', address.toLowerCase());
    for (const domain of t.domains) add('domain', domain);
    for (const url of t.urls) add('url', url);
  }

  const reporter = new Set(source.reporterAddresses.map((a) => a.toLowerCase()));
  const reporterDomains = new Set([...reporter].map((a) => registrableDomain(a.slice(a.lastIndexOf('@') + 1))));
  const reporterPhones = new Set(source.reporterPhones ?? []);
  return [...found.values()].filter(
    (i) =>
      !(i.kind === 'email' && reporter.has(i.value)) &&
      !(i.kind === 'phone' && reporterPhones.has(i.value)) &&
      !(i.kind === 'domain' && reporterDomains.has(i.value) && !isCommonValue('domain', i.value)),
  );
}

/** The text filing gave the engine when no email file was read (report-filing.service.ts, `analysisText`). */
export function filingText(report: Pick<ReportIndicatorSource, 'pastedText' | 'description' | 'callerNumber' | 'sender' | 'links'>): string {
  const parts = [report.pastedText.trim() !== '' ? report.pastedText : report.description];
  if (report.callerNumber) parts.push(`Numéro : ${report.callerNumber}`);
  if (report.sender) parts.push(`Expéditeur : ${report.sender}`);
  if (report.links.length > 0) parts.push(`Liens : ${report.links.join(' ')}`);
  return parts.filter((p) => p.trim() !== '').join('\n\n');
}

const MESSAGE_KINDS_READ_AGAIN: ReadonlySet<string> = new Set(MESSAGE_KINDS);
/** Header addresses an email file gives that its shown text does not repeat. */
const UNSHOWN_ADDRESS_ROLES = new Set(['return_path', 'sender']);

/**
 * A stored analysis' indicators as today's extraction reads them: the text the engine showed (for a
 * typed or pasted message, the very text it read) is read again. For an email file, what its shown text
 * does not carry is taken from the stored analysis through today's cleaning: links of its HTML part
 * (kept when today's link rules leave them as they are) and Return-Path / Sender addresses. Phones only
 * ever come from the text read again. Null when the analysis has no shown text (then the report's copy
 * and description are read again by extractReportIndicators).
 */
export function rereadAnalysis(analysis: unknown, filedText: string): { indicators: Indicators } | null {
  if (typeof analysis !== 'object' || analysis === null) return null;
  const { kind, shownText, indicators } = analysis as { kind?: unknown; shownText?: unknown; indicators?: unknown };
  if (typeof kind !== 'string' || !MESSAGE_KINDS_READ_AGAIN.has(kind) || typeof shownText !== 'string' || shownText.trim() === '') return null;
  const today = extractTextIndicators({ kind: kind as MessageKind, text: shownText });
  // A typed or pasted message: its shown text is what the engine read (cut at its length limit).
  if (filedText.startsWith(shownText) || kind !== 'email') return { indicators: today };
  const stored = typeof indicators === 'object' && indicators !== null ? (indicators as { urls?: unknown; emailAddresses?: unknown }) : {};
  const urls = new Set(today.urls);
  const domains = new Set(today.domains);
  for (const url of isStringArray(stored.urls) ? stored.urls : []) {
    const parsed = parseLinkCandidate(url);
    if (!parsed || parsed.url !== url || parsed.unusualScheme) continue;
    urls.add(url);
    domains.add(registrableDomain(parsed.host));
  }
  const addresses = [...today.emailAddresses];
  for (const entry of Array.isArray(stored.emailAddresses) ? stored.emailAddresses : []) {
    const { address, role } = entry as { address?: unknown; role?: unknown };
    if (typeof address !== 'string' || typeof role !== 'string' || !UNSHOWN_ADDRESS_ROLES.has(role)) continue;
    const clean = cleanAddress(address);
    if (!clean || addresses.some((a) => a.address === clean.address)) continue;
    addresses.push({ address: clean.address, role: role as 'return_path' | 'sender' });
    domains.add(registrableDomain(clean.address.slice(clean.address.lastIndexOf('@') + 1)));
  }
  return { indicators: { ...today, urls: [...urls], domains: [...domains], emailAddresses: addresses } };
}

/**
 * A report's indicators as today's extraction reads them, whatever the engine stored when it was filed:
 * its fields, and its stored analysis read again (rereadAnalysis). What filing gives a new report.
 */
export function currentReportIndicators(source: ReportIndicatorSource): ReportIndicator[] {
  const reread = rereadAnalysis(source.analysis, filingText(source));
  return extractReportIndicators({ ...source, analysis: reread });
}

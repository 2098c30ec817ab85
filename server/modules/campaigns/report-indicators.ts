// The indicators of one report, normalised as the analysis engine's lookup keys (E.164 numbers,
// registrable domains, full URLs, lower-case addresses) so that a value published from a campaign is
// found again by every later analysis. Pure.

import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { parse as parseDomain } from 'tldts';
import { MESSAGE_KIND_OF_CHANNEL, type ReportChannel } from '../../../contracts/report-vocabulary.js';
import { extractTextIndicators } from '../../../analysis/analyze.js';
import type { Indicators } from '../../../analysis/analysis.types.js';
import { extractAddresses } from '../../../analysis/messages/collect-evidence.js';
import { parseLinkCandidate } from '../../../analysis/messages/links/extract-links.js';
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

export interface ReportIndicator {
  kind: IndicatorKind;
  value: string;
}

/** Per report: more says nothing more about its campaign and would only slow the grouping. */
export const MAX_INDICATORS_PER_REPORT = 60;
const MAX_VALUE_LENGTH = 2048;

/** A phone number as typed (« 09 70 12 34 56 », « +33 9… »), French by default: E.164, or a short number. */
export function normalisePhone(value: string): string | null {
  const trimmed = value.trim();
  const digits = trimmed.replace(/[\s.\-()/]/g, '');
  if (/^3[0-9]{3}$/.test(digits)) return digits;
  const parsed = parsePhoneNumberFromString(trimmed, 'FR');
  return parsed?.isPossible() ? parsed.number : null;
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

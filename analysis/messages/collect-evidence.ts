import type { EmailAddressIndicator, Indicators } from '../analysis.types.js';
import type { PreparedText } from '../engine/match.js';
import { prepareText } from '../engine/match.js';
import type { Span } from '../engine/normalize.js';
import { extractAddresses } from './email/extract-addresses.js';
import type { FoundLink } from './links/extract-links.js';
import { extractLinksFromText, MAX_LINKS } from './links/extract-links.js';
import { parseHost } from './links/parse-host.js';
import type { FoundPhone } from './phones/extract-phones.js';
import { extractPhones } from './phones/extract-phones.js';
import type { ClaimedOrganisation } from './organisations.js';
import { detectOrganisations } from './organisations.js';
import type { PreparedMessage } from './prepare-message.js';

/** What every message yields before any rule runs; shared by `analyze` and `extractIndicators`. */
export interface CollectedEvidence {
  readonly text: PreparedText;
  readonly claimed: readonly ClaimedOrganisation[];
  readonly links: readonly FoundLink[];
  readonly phones: readonly FoundPhone[];
  readonly indicators: Indicators;
  /** The message holds more than MAX_LINKS links: those past it were not checked. */
  readonly linksLeftOut: boolean;
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Keeps the links of the text that are not one of the HTML links already found. */
function outsideOf(htmlLinks: readonly FoundLink[]): (link: FoundLink) => boolean {
  return (link) => !htmlLinks.some((h) => overlaps(h.evidence, link.evidence));
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function senderAddresses(prepared: PreparedMessage): EmailAddressIndicator[] {
  const email = prepared.email;
  if (!email) return [];
  return [
    ...(email.from ? [{ address: email.from.address, role: 'from' as const, displayName: email.from.name || undefined }] : []),
    ...email.replyTo.map((r) => ({ address: r.address, role: 'reply_to' as const, displayName: r.name || undefined })),
    ...(email.returnPath?.includes('@') ? [{ address: email.returnPath, role: 'return_path' as const }] : []),
  ];
}

export function collectEvidence(prepared: PreparedMessage): CollectedEvidence {
  const text = prepareText(prepared.shownText);
  const kind = prepared.kind;
  // A bare link or number names no organisation; reading « ameli » in « ameli-remboursement.com » as a
  // claim would count the same clue twice.
  const claimed = kind === 'link' || kind === 'phone' ? [] : detectOrganisations(text);
  const htmlLinks = prepared.email?.htmlLinks ?? [];
  // One link more than is checked is looked for, to know whether some were left out.
  const wanted = MAX_LINKS + 1 - htmlLinks.length;
  const textLinks = kind === 'phone' ? [] : extractLinksFromText(prepared.shownText, { limit: wanted, keep: htmlLinks.length > 0 ? outsideOf(htmlLinks) : undefined });
  const found = [...htmlLinks, ...textLinks];
  const links = found.slice(0, MAX_LINKS);
  const phones = kind === 'link' ? [] : extractPhones(text);
  const addresses = uniqueBy(
    [...senderAddresses(prepared), ...extractAddresses(prepared.shownText).map((a) => ({ address: a.address, role: 'text' as const }))],
    (a) => a.address,
  );
  const hostDomains = links.filter((l) => l.host !== '').map((l) => parseHost(l.host).domain ?? l.host);
  const addressDomains = addresses.map((a) => {
    const domain = a.address.slice(a.address.lastIndexOf('@') + 1);
    return parseHost(domain).domain ?? domain;
  });
  const indicators: Indicators = {
    phones: uniqueBy(phones, (p) => p.e164).map((p) => ({ e164: p.e164, country: p.country, category: p.category, evidence: p.evidence })),
    domains: [...new Set([...hostDomains, ...addressDomains])],
    urls: [...new Set(links.filter((l) => !l.unusualScheme).map((l) => l.url))],
    emailAddresses: addresses,
    organisations: claimed.map((c) => ({ id: c.organisation.id, label: c.organisation.label })),
  };
  return { text, claimed, links, phones, indicators, linksLeftOut: found.length > MAX_LINKS };
}

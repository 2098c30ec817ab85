import type { Indicators, KnownIndicator } from '../analysis.types.js';
import type { Span } from '../engine/normalize.js';
import type { AssessedLink } from './links/link-findings.js';
import type { ScoredFinding } from './scored-finding.js';
import { technicalFinding } from './scored-finding.js';

/**
 * Every value the server may hold reports for, in the form used as key of `knownIndicators`:
 * phones in E.164, registrable domains, URLs and email addresses (lower case).
 */
export function indicatorLookupKeys(indicators: Indicators): string[] {
  return [
    ...new Set([
      ...indicators.phones.map((p) => p.e164),
      ...indicators.domains,
      ...indicators.urls,
      ...indicators.emailAddresses.map((e) => e.address),
    ]),
  ];
}

function weightOf(known: KnownIndicator): number {
  if (known.campaign !== undefined && known.campaign !== '') return 75;
  if (known.reports >= 5) return 65;
  if (known.reports >= 2) return 50;
  return 35;
}

function timesLabel(reports: number): string {
  return reports === 1 ? 'une fois' : `${reports} fois`;
}

const MAX_KNOWN_FINDINGS = 5;

/**
 * Findings for indicators already reported to Vigie. Only counts and the campaign name are shown:
 * nothing about who reported them.
 */
export function knownIndicatorFindings(
  indicators: Indicators,
  known: ReadonlyMap<string, KnownIndicator> | undefined,
  links: readonly AssessedLink[],
  shownText: string,
): ScoredFinding[] {
  if (!known || known.size === 0) return [];
  // Lower-cased unit by unit so that offsets stay those of the shown text.
  const lowerText = Array.from({ length: shownText.length }, (_, i) => {
    const unit = shownText[i] ?? '';
    const lower = unit.toLowerCase();
    return lower.length === 1 ? lower : unit;
  }).join('');
  const candidates: { value: string; noun: string; evidence: Span[]; feminine?: boolean }[] = [
    ...indicators.phones.map((p) => ({ value: p.e164, noun: 'Ce numéro', evidence: [p.evidence] })),
    ...indicators.emailAddresses.map((e) => ({ value: e.address, noun: `L’adresse ${e.address}`, evidence: occurrences(lowerText, e.address), feminine: true })),
    ...indicators.urls.map((url) => ({ value: url, noun: 'Ce lien', evidence: links.filter((l) => l.link.url === url).map((l) => l.link.evidence) })),
    ...indicators.domains.map((domain) => ({
      value: domain,
      noun: `Le site ${domain}`,
      evidence: links.filter((l) => l.assessment.registrableDomain === domain).map((l) => l.link.evidence),
    })),
  ];
  const findings: ScoredFinding[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const entry = known.get(candidate.value);
    if (!entry || entry.reports < 1 || seen.has(candidate.value) || findings.length >= MAX_KNOWN_FINDINGS) continue;
    seen.add(candidate.value);
    const campaign = entry.campaign ? ` (campagne « ${entry.campaign} »)` : '';
    findings.push(technicalFinding({
      ruleId: 'signalements.deja-signale',
      category: 'signalement',
      explanation: `${candidate.noun} a déjà été signalé${candidate.feminine ? 'e' : ''} ${timesLabel(entry.reports)} à l’Ordre des médecins via Vigie${campaign}.`,
      evidence: candidate.evidence.slice(0, 5),
      weight: weightOf(entry),
    }));
  }
  return findings;
}

function occurrences(lowerText: string, value: string): Span[] {
  const spans: Span[] = [];
  let at = lowerText.indexOf(value);
  while (at >= 0 && spans.length < 5) {
    spans.push({ start: at, end: at + value.length });
    at = lowerText.indexOf(value, at + value.length);
  }
  return spans;
}

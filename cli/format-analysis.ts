import type { Analysis, Finding } from '../analysis/analysis.types.js';

const CONTEXT = 30;

/** The evidence in its sentence, on one line: « …menacé de [radiation] si… ». */
function excerpt(text: string, start: number, end: number): string {
  const from = Math.max(0, start - CONTEXT);
  const to = Math.min(text.length, end + CONTEXT);
  const flat = (s: string): string => s.replace(/\s{1,1000}/g, ' ');
  return `${from > 0 ? '…' : ''}${flat(text.slice(from, start))}[${flat(text.slice(start, end))}]${flat(text.slice(end, to))}${to < text.length ? '…' : ''}`;
}

function findingLines(finding: Finding, shownText: string, index: number): string[] {
  const sign = finding.weight > 0 ? '+' : '';
  const lines = [`  ${index}. [${sign}${finding.weight}] ${finding.explanation}`];
  for (const span of finding.evidence.slice(0, 2)) lines.push(`     Extrait : « ${excerpt(shownText, span.start, span.end)} »`);
  if (finding.fact) lines.push(`     Ce que dit l’Ordre : ${finding.fact.text}`);
  return lines;
}

/** The French report printed by `vigie check`. */
export function formatAnalysis(analysis: Analysis): string {
  const lines = [`Verdict : ${analysis.verdictLabel.toUpperCase()} — score ${analysis.score}/100`];
  if (analysis.family) lines.push(`Famille : ${analysis.family.label}`);
  for (const notice of analysis.notices) lines.push(`Attention : ${notice}`);
  const risks = analysis.findings.filter((f) => f.weight > 0);
  const reassuring = analysis.findings.filter((f) => f.weight < 0);
  if (risks.length > 0) {
    lines.push('', 'Pourquoi :');
    risks.forEach((finding, i) => lines.push(...findingLines(finding, analysis.shownText, i + 1)));
  }
  if (reassuring.length > 0) {
    lines.push('', 'Éléments rassurants :');
    reassuring.forEach((finding, i) => lines.push(...findingLines(finding, analysis.shownText, i + 1)));
  }
  lines.push('', 'Que faire :', ...analysis.advice.map((item) => `  • ${item.text}`));
  const { phones, domains, emailAddresses, organisations } = analysis.indicators;
  const indicators = [
    phones.length > 0 ? `numéros ${phones.map((p) => p.e164).join(', ')}` : '',
    domains.length > 0 ? `domaines ${domains.join(', ')}` : '',
    emailAddresses.length > 0 ? `adresses ${emailAddresses.map((a) => a.address).join(', ')}` : '',
    organisations.length > 0 ? `organismes cités ${organisations.map((o) => o.label).join(', ')}` : '',
  ].filter((part) => part !== '');
  if (indicators.length > 0) lines.push('', `Indicateurs : ${indicators.join(' ; ')}`);
  lines.push('', `Règles : ${analysis.rulesetVersion}`);
  return `${lines.join('\n')}\n`;
}

import {
  ENTRAIDE_AID_FORM_LABELS,
  ENTRAIDE_CASE_STATUS_LABELS,
  ENTRAIDE_DECISION_LABELS,
  ENTRAIDE_NATURE_LABELS,
  ENTRAIDE_URGENCY_LABELS,
  type EntraideCaseStatus,
  type EntraideNature,
  type EntraideUrgency,
  type TEntraideCaseDecision,
} from '../../../../contracts/entraide.schemas.js';
import { formatDay, formatEuros } from './money.js';

const STATUS_TONE: Record<EntraideCaseStatus, string> = {
  recu: 'badge badge--warning',
  en_cours: 'badge',
  transmis_cne: 'badge badge--danger',
  clos: 'badge badge--muted',
};

/** The case's status in words; the colour only repeats it. */
export function CaseStatusBadge({ status }: { status: EntraideCaseStatus }) {
  // « Transmis à la commission nationale d'entraide » is longer than a phone is wide: it wraps.
  return (
    <span className={STATUS_TONE[status]} style={{ whiteSpace: 'normal' }}>
      {ENTRAIDE_CASE_STATUS_LABELS[status]}
    </span>
  );
}

export function UrgencyBadge({ urgency }: { urgency: EntraideUrgency }) {
  return <span className={urgency === 'immediate' ? 'badge badge--danger' : urgency === 'rapide' ? 'badge badge--warning' : 'badge badge--muted'}>{ENTRAIDE_URGENCY_LABELS[urgency]}</span>;
}

export function naturesText(natures: readonly EntraideNature[]): string {
  return natures.map((n) => ENTRAIDE_NATURE_LABELS[n]).join(', ');
}

const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase('fr-FR') + text.slice(1);
const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

/**
 * One decision on a line: « Aide financière — 1 500,50 € — secours (don) — le 03/12/2026 — 5 pour,
 * 0 contre, 1 abstention (quorum atteint) ». The CNE's decisions say so; the CDE's are the usual case.
 */
export function decisionText(d: TEntraideCaseDecision): string {
  const parts = [ENTRAIDE_DECISION_LABELS[d.kind]];
  if (d.amountCents !== null) parts.push(formatEuros(d.amountCents));
  if (d.aidForm !== null) parts.push(lowerFirst(ENTRAIDE_AID_FORM_LABELS[d.aidForm]));
  parts.push(`le ${formatDay(d.decidedOn, true)}`);
  const { vote } = d;
  parts.push(`${vote.for} pour, ${vote.against} contre, ${plural(vote.abstentions, 'abstention')} (${d.quorumReached ? 'quorum atteint' : 'quorum non atteint'})`);
  if (d.commission === 'cne') parts.push('commission nationale');
  return parts.join(' — ');
}

import { REPORT_STATUS_LABELS, REPORT_VERDICT_LABELS, type ReportStatus } from '../../../../contracts/report-vocabulary.js';

type Verdict = keyof typeof REPORT_VERDICT_LABELS;

const VERDICT_TONE: Record<Verdict, string> = {
  fraude_probable: 'badge badge--danger',
  suspect: 'badge badge--warning',
  aucun_signal: 'badge badge--muted',
};

/** The engine's verdict in words; the colour only repeats it. */
export function VerdictBadge({ verdict }: { verdict: Verdict | null }) {
  if (!verdict) return <span className="badge badge--muted">Non analysé</span>;
  return <span className={VERDICT_TONE[verdict]}>{REPORT_VERDICT_LABELS[verdict]}</span>;
}

const STATUS_TONE: Record<ReportStatus, string> = {
  en_attente_confirmation: 'badge badge--muted',
  nouveau: 'badge',
  en_cours: 'badge badge--warning',
  qualifie: 'badge badge--danger',
  classe_sans_suite: 'badge badge--muted',
  fusionne: 'badge badge--muted',
};

export function StatusBadge({ status }: { status: ReportStatus }) {
  return <span className={STATUS_TONE[status]}>{REPORT_STATUS_LABELS[status]}</span>;
}

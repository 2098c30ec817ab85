import { TRIAGE_TARGET_STATUSES, type TriageTargetStatus } from '../../../contracts/triage.schemas.js';
import { type ReportStatus } from '../../../contracts/report-vocabulary.js';

// The statuses of a report in the back-office, as a table: nouveau → en_cours → qualifie |
// classe_sans_suite, and back to en_cours from either decision with a written reason. `fusionne`
// comes only from a merge and is final; `en_attente_confirmation` ends only by the reporter's
// confirmation (reports module). Pure: the service applies it to the locked row.

interface TransitionRule {
  /** A written reason, kept as a note and in the audit entry. */
  reasonRequired: boolean;
}

const TRANSITIONS: Readonly<Record<ReportStatus, Partial<Record<TriageTargetStatus, TransitionRule>>>> = {
  en_attente_confirmation: {},
  nouveau: { en_cours: { reasonRequired: false } },
  en_cours: { qualifie: { reasonRequired: false }, classe_sans_suite: { reasonRequired: true } },
  // Reopening undoes a decision someone took: it must say why.
  qualifie: { en_cours: { reasonRequired: true } },
  classe_sans_suite: { en_cours: { reasonRequired: true } },
  fusionne: {},
};

/** The rule for moving `from` → `to`, or null when the move is not allowed. */
export function statusTransition(from: ReportStatus, to: TriageTargetStatus): TransitionRule | null {
  return TRANSITIONS[from][to] ?? null;
}

/** Every status reachable from `from`, in the order the page offers them. */
export function allowedTransitions(from: ReportStatus): { status: TriageTargetStatus; reasonRequired: boolean }[] {
  return TRIAGE_TARGET_STATUSES.flatMap((status) => {
    const rule = statusTransition(from, status);
    return rule ? [{ status, reasonRequired: rule.reasonRequired }] : [];
  });
}

/** Reports being worked on may be assigned; merged or unconfirmed ones may not. */
export function canAssign(status: ReportStatus): boolean {
  return status !== 'fusionne' && status !== 'en_attente_confirmation';
}

/** The duplicate side of a merge: a report still being worked on (a decided one is reopened first). */
export function canMergeAway(status: ReportStatus): boolean {
  return status === 'nouveau' || status === 'en_cours';
}

/** The report a duplicate is merged into: any confirmed report that is not itself a duplicate. */
export function canMergeInto(status: ReportStatus): boolean {
  return status !== 'fusionne' && status !== 'en_attente_confirmation';
}

/** Dates a transition sets: qualification and closing are stamped; reopening clears both. */
export function datesAfter(to: TriageTargetStatus, now: Date): { qualifiedAt: Date | null; closedAt: Date | null } {
  if (to === 'qualifie') return { qualifiedAt: now, closedAt: null };
  if (to === 'classe_sans_suite') return { qualifiedAt: null, closedAt: now };
  return { qualifiedAt: null, closedAt: null };
}

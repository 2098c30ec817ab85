import { describe, expect, it } from 'vitest';
import { TRIAGE_TARGET_STATUSES, type TriageTargetStatus } from '../../../contracts/triage.schemas.js';
import { REPORT_STATUSES, type ReportStatus } from '../../../contracts/report-vocabulary.js';
import { allowedTransitions, canAssign, canMergeAway, canMergeInto, datesAfter, statusTransition } from './triage-status.js';

// The whole table, written out: a cell changed in triage-status.ts must be changed here too.
// '—' not allowed, 'ok' allowed, 'motif' allowed with a written reason.
type Cell = '—' | 'ok' | 'motif';
const TABLE: Record<ReportStatus, Record<TriageTargetStatus, Cell>> = {
  en_attente_confirmation: { en_cours: '—', qualifie: '—', classe_sans_suite: '—' },
  nouveau: { en_cours: 'ok', qualifie: '—', classe_sans_suite: '—' },
  en_cours: { en_cours: '—', qualifie: 'ok', classe_sans_suite: 'motif' },
  qualifie: { en_cours: 'motif', qualifie: '—', classe_sans_suite: '—' },
  classe_sans_suite: { en_cours: 'motif', qualifie: '—', classe_sans_suite: '—' },
  fusionne: { en_cours: '—', qualifie: '—', classe_sans_suite: '—' },
};

describe('report status machine', () => {
  for (const from of REPORT_STATUSES) {
    for (const to of TRIAGE_TARGET_STATUSES) {
      const expected = TABLE[from][to];
      it(`${from} → ${to}: ${expected}`, () => {
        const rule = statusTransition(from, to);
        if (expected === '—') expect(rule).toBeNull();
        else expect(rule).toEqual({ reasonRequired: expected === 'motif' });
      });
    }
  }

  it('lists the moves the page offers, in order', () => {
    expect(allowedTransitions('en_cours')).toEqual([
      { status: 'qualifie', reasonRequired: false },
      { status: 'classe_sans_suite', reasonRequired: true },
    ]);
    expect(allowedTransitions('fusionne')).toEqual([]);
    expect(allowedTransitions('nouveau')).toEqual([{ status: 'en_cours', reasonRequired: false }]);
  });

  it('assigns and merges only confirmed reports that are not duplicates; merges away only open ones', () => {
    const assign = REPORT_STATUSES.filter(canAssign);
    expect(assign).toEqual(['nouveau', 'en_cours', 'qualifie', 'classe_sans_suite']);
    expect(REPORT_STATUSES.filter(canMergeAway)).toEqual(['nouveau', 'en_cours']);
    expect(REPORT_STATUSES.filter(canMergeInto)).toEqual(['nouveau', 'en_cours', 'qualifie', 'classe_sans_suite']);
  });

  it('stamps qualification and closing, and clears both on reopening', () => {
    const now = new Date('2026-03-02T10:00:00Z');
    expect(datesAfter('qualifie', now)).toEqual({ qualifiedAt: now, closedAt: null });
    expect(datesAfter('classe_sans_suite', now)).toEqual({ qualifiedAt: null, closedAt: now });
    expect(datesAfter('en_cours', now)).toEqual({ qualifiedAt: null, closedAt: null });
  });
});

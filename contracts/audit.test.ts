import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_FAMILIES, AUDIT_ACTION_LABELS, AUDIT_ACTIONS, ZAuditQuery, auditActionLabel, type AuditAction } from './audit.js';

// A new action without a label fails the type check here (and in audit.ts), not only at run time.
const typeCheck: Record<AuditAction, string> = AUDIT_ACTION_LABELS;

describe('audit vocabulary', () => {
  it('has one French label per action, each distinct, and a family for each', () => {
    expect(Object.keys(typeCheck).sort()).toEqual([...AUDIT_ACTIONS].sort());
    for (const action of AUDIT_ACTIONS) {
      expect(AUDIT_ACTION_LABELS[action]).toMatch(/^[A-ZÉÈÀ][^.]*[a-zé)]$/);
      expect(Object.keys(AUDIT_ACTION_FAMILIES).some((family) => action.startsWith(family))).toBe(true);
    }
    expect(new Set(Object.values(AUDIT_ACTION_LABELS)).size).toBe(AUDIT_ACTIONS.length);
    expect(auditActionLabel('entraide.case.cne_consent_recorded')).toBe('Accord pour la commission nationale enregistré');
    expect(auditActionLabel('old.unknown.action')).toBe('old.unknown.action');
  });

  it('accepts an action or a family, and a period in order', () => {
    expect(ZAuditQuery.safeParse({ action: 'entraide.' }).success).toBe(true);
    expect(ZAuditQuery.safeParse({ action: "x' OR 1=1" }).success).toBe(false);
    expect(ZAuditQuery.safeParse({ from: '2026-03-02', to: '2026-03-01' }).success).toBe(false);
    expect(ZAuditQuery.safeParse({ from: '2026-03-01', to: '2026-03-01' }).success).toBe(true);
  });
});

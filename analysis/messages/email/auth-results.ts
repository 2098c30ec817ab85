/**
 * Reads the verdicts a receiving mail server wrote in Authentication-Results (and Received-SPF):
 * spf, dkim and dmarc pass/fail. Only the topmost header counts: it was added by the doctor's own
 * provider, whereas lower ones may have been written by the sender.
 */
export type AuthVerdict = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror' | 'policy';

export interface AuthenticationResults {
  readonly spf?: AuthVerdict;
  readonly dkim?: AuthVerdict;
  readonly dmarc?: AuthVerdict;
}

const VERDICTS: ReadonlySet<string> = new Set(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy']);

function verdictAfter(clause: string, method: string): AuthVerdict | undefined {
  const at = clause.indexOf(`${method}=`);
  if (at !== 0) return undefined;
  let end = at + method.length + 1;
  while (end < clause.length && /[a-z]/.test(clause[end] ?? '')) end += 1;
  const verdict = clause.slice(at + method.length + 1, end);
  return VERDICTS.has(verdict) ? (verdict as AuthVerdict) : undefined;
}

export function parseAuthenticationResults(header: string | undefined, receivedSpf?: string): AuthenticationResults | null {
  const results: { spf?: AuthVerdict; dkim?: AuthVerdict; dmarc?: AuthVerdict } = {};
  if (header !== undefined) {
    for (const rawClause of header.toLowerCase().split(';')) {
      const clause = rawClause.trim();
      for (const method of ['spf', 'dkim', 'dmarc'] as const) {
        const verdict = verdictAfter(clause, method);
        // Several DKIM signatures: one failing is enough to mention, one passing does not hide it.
        if (verdict && (results[method] === undefined || verdict === 'fail')) results[method] = verdict;
      }
    }
  }
  if (results.spf === undefined && receivedSpf !== undefined) {
    const first = receivedSpf.trim().toLowerCase().split(/\s/, 1)[0] ?? '';
    if (VERDICTS.has(first)) results.spf = first as AuthVerdict;
  }
  return Object.keys(results).length > 0 ? results : null;
}

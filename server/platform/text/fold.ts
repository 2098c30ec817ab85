// French text folded for comparison: shared by the register's search, the reports' search text, the
// triage queue's filter and the campaigns' grouping, so stored text and typed queries fold the same way.

// Letters NFD leaves whole: ligatures and stroked letters.
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd' };

/**
 * Lower-case, accent-free, punctuation as single spaces: « Lefèvre-Dupont d'Œillet » → « lefevre dupont
 * d oeillet ». The SQL function `registry_fold` (migration 0004) folds French text the same way.
 */
export function foldForSearch(value: string): string {
  return value
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[œæßøłđ]/g, (c) => LIGATURES[c] ?? c)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

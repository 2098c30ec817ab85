import { ENTRAIDE_STATS_MIN_CELL } from '../../../../contracts/entraide.schemas.js';

/** A hidden cell of anonymised statistics: fewer than 5 cases, never the exact figure. */
export const SMALL_CELL = `moins de ${ENTRAIDE_STATS_MIN_CELL}`;

/** A count in words: « 12 », or « moins de 5 » for a cell the server hid. */
export function cellText(count: number | null): string {
  return count === null ? SMALL_CELL : count.toLocaleString('fr-FR');
}

/** One bar per category: hidden cells are not drawn (their value is unknown), the table says « moins de 5 ». */
export function statBars<T>(items: readonly T[], keyOf: (item: T) => string, labelOf: (item: T) => string, countOf: (item: T) => number | null) {
  return {
    data: items.map((item) => ({ name: labelOf(item), count: countOf(item) })),
    rows: items.map((item) => ({ key: keyOf(item), cells: [labelOf(item), cellText(countOf(item))] })),
    hidden: items.filter((item) => countOf(item) === null).length,
  };
}

const monthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** « 2026-03 » → « mars 2026 ». */
export function monthLabel(month: string): string {
  const date = new Date(`${month.slice(0, 7)}-15T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? month : monthFormat.format(date);
}

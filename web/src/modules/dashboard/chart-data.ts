/** Colours of the series: distinct in hue and lightness, readable on white. */
export const SERIES_COLOURS = ['#1b2a6b', '#c2410c', '#0f766e', '#a21caf', '#4d7c0f', '#b91c1c', '#6b7280'];
export const OTHERS_KEY = '__autres';

export interface WeekCount {
  week: string;
  key: string;
  count: number;
}

export interface WeeklySeries {
  /** The series shown, largest total first; the smaller ones folded into OTHERS_KEY. */
  keys: string[];
  /** One row per week: its label, then one count per series. */
  rows: (Record<string, number> & { week: number })[];
  /** Every value of the dimension with its count per week, for the text alternative. */
  table: { key: string; counts: number[]; total: number }[];
}

/** Pivots (week, key, count) rows into one row per week, keeping the `limit` largest series. */
export function toWeeklySeries(weeks: readonly { start: string }[], counts: readonly WeekCount[], limit = SERIES_COLOURS.length - 1): WeeklySeries {
  const weekIndex = new Map(weeks.map((w, i) => [w.start, i]));
  const byKey = new Map<string, number[]>();
  for (const c of counts) {
    const index = weekIndex.get(c.week);
    if (index === undefined) continue;
    const series = byKey.get(c.key) ?? weeks.map(() => 0);
    series[index] = (series[index] ?? 0) + c.count;
    byKey.set(c.key, series);
  }
  const table = [...byKey]
    .map(([key, perWeek]) => ({ key, counts: perWeek, total: perWeek.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
  const shown = table.length > limit + 1 ? table.slice(0, limit) : table;
  const folded = table.slice(shown.length);
  const keys = [...shown.map((s) => s.key), ...(folded.length > 0 ? [OTHERS_KEY] : [])];
  const rows = weeks.map((_, i) => {
    const row: Record<string, number> & { week: number } = { week: i };
    for (const s of shown) row[s.key] = s.counts[i] ?? 0;
    if (folded.length > 0) row[OTHERS_KEY] = folded.reduce((sum, s) => sum + (s.counts[i] ?? 0), 0);
    return row;
  });
  return { keys, rows, table };
}

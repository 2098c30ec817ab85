import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartDataTable, type ChartDataRow } from './ChartDataTable.js';

// A statistics panel: a heading, a bar chart (hidden from assistive technologies) and the same figures
// as a table they read. Imports recharts: load it from a lazily imported part of the page.

const BAR_COLOUR = '#1d4f91';

export function BarChartWithTable({ id, title, column, series, data, rows, empty, emptyText, hint, labelWidth = 180, missingLabel, vertical = true }: {
  id: string;
  title: string;
  /** The table's first column: what each bar is (« Nature », « Mois »…). */
  column: string;
  /** What is counted (« Signalements », « Dossiers »): the tooltip's and the table's count column. */
  series: string;
  /** One bar per category; a null count is not drawn. */
  data: readonly { name: string; count: number | null }[];
  rows: readonly ChartDataRow[];
  /** Nothing to draw: emptyText is shown instead of the chart and its table. */
  empty: boolean;
  emptyText: string;
  /** A note under the heading. */
  hint?: ReactNode;
  /** The width of the category labels down the side (vertical charts). */
  labelWidth?: number;
  /** What the tooltip says for a count that is not drawn. */
  missingLabel?: string;
  /** Categories down the side (long labels), or along the bottom (months). */
  vertical?: boolean;
}) {
  const bars = [...data];
  const tooltip = <Tooltip formatter={(n) => [n ?? missingLabel, series]} />;
  const bar = <Bar dataKey="count" name={series} fill={BAR_COLOUR} isAnimationActive={false} />;
  return (
    <section className="card dashboard-panel" aria-labelledby={`${id}-titre`}>
      <h2 id={`${id}-titre`}>{title}</h2>
      {hint ? <p className="hint">{hint}</p> : null}
      {empty ? (
        <p>{emptyText}</p>
      ) : (
        <>
          <div className="dashboard-chart--auto" aria-hidden="true">
            <ResponsiveContainer width="100%" height={vertical ? 48 + 36 * bars.length : 256}>
              {vertical ? (
                <BarChart data={bars} layout="vertical" accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                  <XAxis type="number" allowDecimals={false} />
                  <YAxis type="category" dataKey="name" width={labelWidth} tick={{ fontSize: 12 }} />
                  {tooltip}
                  {bar}
                </BarChart>
              ) : (
                <BarChart data={bars} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="name" interval="preserveStartEnd" tick={{ fontSize: 12 }} />
                  <YAxis allowDecimals={false} width={40} />
                  {tooltip}
                  {bar}
                </BarChart>
              )}
            </ResponsiveContainer>
          </div>
          <ChartDataTable id={`${id}-tableau`} className="dashboard-data" summary={`Voir les données de « ${title} » (tableau)`} caption={title} columns={[column, series]} rows={rows} />
        </>
      )}
    </section>
  );
}

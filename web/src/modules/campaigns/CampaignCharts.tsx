import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { departementLabel } from '../../lib/format.js';
import { dayLabel } from './labels.js';
import { ChartDataTable } from '../../components/ChartDataTable.js';

const BAR_COLOUR = '#1d4f91';

/**
 * A chart and the same figures as a table. The chart is hidden from assistive technologies: the table
 * under « Voir les données » says the same in text.
 */
function ChartPanel({ id, title, chart, rows, columns }: {
  id: string;
  title: string;
  chart: ReactNode;
  rows: { key: string; label: string; count: number }[];
  columns: [string, string];
}) {
  return (
    <section className="card campaign-chart" aria-labelledby={`${id}-titre`}>
      <h2 id={`${id}-titre`}>{title}</h2>
      {rows.length === 0 ? (
        <p>Aucun signalement.</p>
      ) : (
        <>
          <div className="campaign-chart__plot" aria-hidden="true">
            {chart}
          </div>
          <ChartDataTable id={`${id}-tableau`} summary={`Voir les données de « ${title} » (tableau)`} caption={title} columns={columns} rows={rows} />
        </>
      )}
    </section>
  );
}

/** Reports per day of filing. */
export function TimelineChart({ timeline }: { timeline: { day: string; count: number }[] }) {
  const rows = timeline.map((d) => ({ key: d.day, label: dayLabel(d.day, true), count: d.count }));
  return (
    <ChartPanel
      id="campagne-chronologie"
      title="Signalements par jour"
      columns={['Jour', 'Signalements']}
      rows={rows}
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={timeline} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tickFormatter={(day: string) => dayLabel(day)} interval="preserveStartEnd" />
            <YAxis allowDecimals={false} width={40} />
            <Tooltip labelFormatter={(day) => dayLabel(String(day), true)} formatter={(n) => [n, 'Signalements']} />
            <Bar dataKey="count" name="Signalements" fill={BAR_COLOUR} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      }
    />
  );
}

/** Reports per département, the most concerned first. */
export function DepartementsChart({ departements }: { departements: { departement: string | null; count: number }[] }) {
  const data = departements.map((d) => ({ name: d.departement ?? 'Non renseigné', count: d.count }));
  const rows = departements.map((d) => ({ key: d.departement ?? '-', label: d.departement ? departementLabel(d.departement) : 'Non renseigné', count: d.count }));
  return (
    <ChartPanel
      id="campagne-departements"
      title="Signalements par département"
      columns={['Département', 'Signalements']}
      rows={rows}
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="name" width={90} />
            <Tooltip formatter={(n) => [n, 'Signalements']} />
            <Bar dataKey="count" name="Signalements" fill={BAR_COLOUR} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      }
    />
  );
}

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { OTHERS_KEY, SERIES_COLOURS, toWeeklySeries, type WeekCount } from './chart-data.js';
import { weekLabel } from './labels.js';

/**
 * Reports per week, stacked by one dimension (channel, family, département). The chart is hidden from
 * assistive technologies: the table in « Voir les données » says the same in text.
 */
export function WeeklyChart({ id, title, weeks, counts, labelOf }: {
  id: string;
  title: string;
  weeks: { start: string; label: string }[];
  counts: WeekCount[];
  labelOf: (key: string) => string;
}) {
  const series = toWeeklySeries(weeks, counts);
  const nameOf = (key: string) => (key === OTHERS_KEY ? 'Autres' : labelOf(key));
  const weekNames = weeks.map(weekLabel);
  return (
    <section className="card dashboard-panel" aria-labelledby={`${id}-titre`}>
      <h2 id={`${id}-titre`}>{title}</h2>
      {series.table.length === 0 ? (
        <p>Aucun signalement sur la période.</p>
      ) : (
        <>
          <div className="dashboard-chart" aria-hidden="true">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={series.rows} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="week" tickFormatter={(i: number) => weekNames[i] ?? ''} interval="preserveStartEnd" />
                <YAxis allowDecimals={false} width={40} />
                <Tooltip labelFormatter={(i) => `Semaine ${weekNames[Number(i)] ?? ''}`} />
                <Legend />
                {series.keys.map((key, index) => (
                  <Bar key={key} dataKey={key} name={nameOf(key)} stackId="reports" fill={SERIES_COLOURS[index % SERIES_COLOURS.length]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <details className="dashboard-data">
            <summary>Voir les données de « {title} » (tableau)</summary>
            <div className="table-wrap" role="region" aria-labelledby={`${id}-tableau`} tabIndex={0}>
              <table className="table">
                <caption id={`${id}-tableau`}>
                  <span className="table__caption">{title} : nombre de signalements par semaine</span>
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Valeur</th>
                    {weekNames.map((name) => (
                      <th key={name} scope="col">
                        {name}
                      </th>
                    ))}
                    <th scope="col">Total</th>
                  </tr>
                </thead>
                <tbody>
                  {series.table.map((row) => (
                    <tr key={row.key}>
                      <th scope="row">{labelOf(row.key)}</th>
                      {row.counts.map((n, i) => (
                        <td key={weeks[i]!.start}>{n}</td>
                      ))}
                      <td>{row.total}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}

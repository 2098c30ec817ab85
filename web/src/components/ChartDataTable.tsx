/**
 * The figures of a chart as a two-column table in a disclosure: charts are hidden from assistive
 * technologies, so this table is what they read.
 */
export function ChartDataTable({ id, summary, caption, columns, rows, className }: {
  id: string;
  summary: string;
  caption: string;
  columns: [string, string];
  rows: { key: string; label: string; count: number }[];
  className?: string;
}) {
  return (
    <details className={className}>
      <summary>{summary}</summary>
      <div className="table-wrap" role="region" aria-labelledby={id} tabIndex={0}>
        <table className="table">
          <caption id={id}>
            <span className="table__caption">{caption}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">{columns[0]}</th>
              <th scope="col">{columns[1]}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td>{r.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

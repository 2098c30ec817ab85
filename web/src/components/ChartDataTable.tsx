/** A row of a chart's data: a label and its count, or cells already in words (the row header first). */
export type ChartDataRow = { key: string; label: string; count: number } | { key: string; cells: readonly (string | number)[] };

const cellsOf = (row: ChartDataRow): readonly (string | number)[] => ('cells' in row ? row.cells : [row.label, row.count]);

/**
 * The figures of a chart as a table in a disclosure: charts are hidden from assistive technologies, so
 * this table is what they read. Two columns (a label and its count) or as many as the chart has series.
 */
export function ChartDataTable({ id, summary, caption, columns, rows, className, open = false }: {
  id: string;
  summary: string;
  caption: string;
  /** The row header's column first, then one per series. */
  columns: readonly string[];
  rows: readonly ChartDataRow[];
  className?: string;
  open?: boolean;
}) {
  return (
    <details className={className} open={open}>
      <summary>{summary}</summary>
      <div className="table-wrap" role="region" aria-labelledby={id} tabIndex={0}>
        <table className="table">
          <caption id={id}>
            <span className="table__caption">{caption}</span>
          </caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                {cellsOf(row).map((cell, index) =>
                  index === 0 ? (
                    <th key={index} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={index}>{cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

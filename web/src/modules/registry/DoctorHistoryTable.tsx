import { Link } from 'react-router';
import { formatShortDateTime } from '../../lib/format.js';
import type { HistoryEntry } from './registry.api.js';
import { fieldLabel, historySourceLabel } from '../../components/registry/labels.js';

// Internal columns a person has no use for.
const HIDDEN_FIELDS = new Set(['searchText', 'updatedAt', 'version']);

function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return formatShortDateTime(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Every version of the record: what changed, from what to what, and through which request. */
export function DoctorHistoryTable({ history }: { history: HistoryEntry[] }) {
  const id = 'fiche-historique';
  if (history.length === 0) return <p>Aucune modification depuis l'import du tableau.</p>;
  return (
    <div className="table-wrap" role="region" aria-labelledby={`${id}-legende`} tabIndex={0}>
      <table className="table">
        <caption id={`${id}-legende`}>
          <span className="table__caption">Historique des modifications de la fiche</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Date</th>
            <th scope="col">Origine</th>
            <th scope="col">Modifications</th>
          </tr>
        </thead>
        <tbody>
          {[...history].reverse().map((entry) => {
            const changes = Object.entries(entry.changes).filter(([field]) => !HIDDEN_FIELDS.has(field));
            return (
              <tr key={entry.version}>
                <th scope="row">{entry.version}</th>
                <td>{formatShortDateTime(entry.occurredAt)}</td>
                <td>
                  {historySourceLabel(entry.source)}
                  {entry.changeRequestId ? (
                    <>
                      {' '}
                      <Link to={`/tableau/demandes/${encodeURIComponent(entry.changeRequestId)}`}>
                        voir la demande<span className="visually-hidden"> de la version {entry.version}</span>
                      </Link>
                    </>
                  ) : null}
                </td>
                <td className="break">
                  {changes.length === 0 ? (
                    '—'
                  ) : (
                    <ul className="plain-list">
                      {changes.map(([field, change]) => (
                        <li key={field}>
                          {fieldLabel(field)} : {formatValue(change.before)}
                          <span aria-hidden="true"> → </span>
                          <span className="visually-hidden"> devient </span>
                          {formatValue(change.after)}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

import type { TBudgetHistory } from '../../../../contracts/entraide.schemas.js';
import { formatDay, formatEuros } from './money.js';

const units = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });

/** Every budget recorded, oldest first, with what Vigie computed from it. */
export function BudgetHistoryTable({ history }: { history: TBudgetHistory }) {
  const id = 'budgets-historique';
  return (
    <div className="table-wrap" role="region" aria-labelledby={id} tabIndex={0}>
      <table className="table">
        <caption id={id}>
          <span className="table__caption">Budgets enregistrés, du plus ancien au plus récent (montants mensuels)</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Revenus</th>
            <th scope="col">Charges fixes</th>
            <th scope="col">Mensualités de dettes</th>
            <th scope="col">Reste à vivre</th>
            <th scope="col">Unités de consommation</th>
            <th scope="col">Par unité</th>
            <th scope="col">Sous le plancher RSA</th>
            <th scope="col">Dettes restant dues</th>
            <th scope="col">Taux d'endettement</th>
            <th scope="col">Saisi par</th>
          </tr>
        </thead>
        <tbody>
          {history.snapshots.map(({ id: snapshotId, recordedOn, result, recordedByName }) => (
            <tr key={snapshotId}>
              <th scope="row">{formatDay(recordedOn)}</th>
              <td>{formatEuros(result.incomeCents)}</td>
              <td>{formatEuros(result.fixedChargesCents)}</td>
              <td>{formatEuros(result.debtInstalmentsCents)}</td>
              <td>
                <strong>{formatEuros(result.resteAVivreCents)}</strong>
              </td>
              <td>{units.format(result.consumptionUnits)}</td>
              <td>{formatEuros(result.perUnitCents)}</td>
              <td>{result.belowRsaFloor ? <span className="badge badge--danger">Oui</span> : 'Non'}</td>
              <td>{formatEuros(result.outstandingDebtCents)}</td>
              <td>{result.debtRatio === null ? '—' : percent.format(result.debtRatio)}</td>
              <td>{recordedByName ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

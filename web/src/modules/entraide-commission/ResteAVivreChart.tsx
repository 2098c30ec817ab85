import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TBudgetHistory } from '../../../../contracts/entraide.schemas.js';
import { ChartDataTable } from '../../components/ChartDataTable.js';
import { formatDay, formatEuros } from './money.js';
import { RESTE_A_VIVRE_COLUMNS, resteAVivreSeries } from './reste-a-vivre-chart-data.js';

const TOTAL_COLOUR = '#1b2a6b';
const PER_UNIT_COLOUR = '#0f766e';
const RSA_COLOUR = '#b91c1c';

const axisEuros = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/**
 * The reste à vivre over the budgets recorded, for the household and per consumption unit, against the
 * RSA floor for one person. The chart is hidden from assistive technologies: its table says the same.
 */
export function ResteAVivreChart({ history }: { history: TBudgetHistory }) {
  const { points, rows, rsaFloor } = resteAVivreSeries(history);
  const title = 'Reste à vivre au fil des budgets';
  return (
    <section className="card dashboard-panel" aria-labelledby="reste-a-vivre-titre">
      <h2 id="reste-a-vivre-titre">{title}</h2>
      <p>
        Plancher de comparaison : le RSA pour une personne seule, {formatEuros(history.rsaFloorCents)} par mois. Le reste à vivre
        par unité de consommation se compare à ce plancher.
      </p>
      <div className="dashboard-chart" aria-hidden="true" data-testid="reste-a-vivre-graphique">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} accessibilityLayer={false} margin={{ top: 16, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tickFormatter={(day: string) => formatDay(day, true)} interval="preserveStartEnd" />
            <YAxis width={72} tickFormatter={(euros: number) => `${axisEuros.format(euros)} €`} />
            <Tooltip labelFormatter={(day) => formatDay(String(day))} formatter={(euros) => formatEuros(Math.round(Number(euros) * 100))} />
            <Legend />
            <ReferenceLine y={rsaFloor} stroke={RSA_COLOUR} strokeDasharray="6 3" label={{ value: 'Plancher RSA', position: 'insideTopRight', fill: RSA_COLOUR, fontSize: 12 }} ifOverflow="extendDomain" />
            <Line type="monotone" dataKey="total" name="Reste à vivre du foyer" stroke={TOTAL_COLOUR} strokeWidth={2} dot isAnimationActive={false} />
            <Line type="monotone" dataKey="perUnit" name="Par unité de consommation" stroke={PER_UNIT_COLOUR} strokeWidth={2} strokeDasharray="4 2" dot isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ChartDataTable className="dashboard-data" id="reste-a-vivre-tableau" summary={`Voir les données de « ${title} » (tableau)`} caption={`${title}, en euros par mois`} columns={RESTE_A_VIVRE_COLUMNS} rows={rows} />
    </section>
  );
}

import {
  ENTRAIDE_CASE_STATUS_LABELS,
  ENTRAIDE_DECISION_LABELS,
  ENTRAIDE_NATURE_LABELS,
  type TEntraideStats,
} from '../../../../contracts/entraide.schemas.js';
import { BarChartWithTable } from '../../components/BarChartWithTable.js';
import { formatDay } from './money.js';
import { SMALL_CELL, cellText, monthLabel, statBars } from './stats-data.js';

/** The statistics' figures and charts, each chart with its table. */
export function StatsContent({ stats }: { stats: TEntraideStats }) {
  const period =
    stats.from || stats.to
      ? `Dossiers ouverts ${stats.from ? `du ${formatDay(stats.from)}` : 'depuis le début'} ${stats.to ? `au ${formatDay(stats.to)}` : "jusqu'à aujourd'hui"}.`
      : 'Tous les dossiers conservés.';
  return (
    <>
      <p className="lead">{period}</p>
      <ul className="cards dashboard-figures">
        <Figure value={cellText(stats.total)} text="dossiers ouverts" />
        <Figure value={cellText(stats.escalatedToCne)} text="dossiers transmis à la commission nationale" />
        <Figure value={cellText(stats.cresusReferrals)} text="orientations vers Crésus" />
        <Figure
          value={stats.medianDurationDays === null ? 'non publié' : `${Math.round(stats.medianDurationDays).toLocaleString('fr-FR')} jours`}
          text={stats.medianDurationDays === null ? `durée médiane d'un dossier jusqu'à sa clôture (${SMALL_CELL} dossiers clos)` : "durée médiane d'un dossier jusqu'à sa clôture"}
        />
      </ul>
      <StatChart id="stats-natures" title="Dossiers par nature de difficulté" column="Nature" {...statBars(stats.byNature, (r) => r.nature, (r) => ENTRAIDE_NATURE_LABELS[r.nature], (r) => r.count)} />
      <StatChart id="stats-statuts" title="Dossiers par statut" column="Statut" {...statBars(stats.byStatus, (r) => r.status, (r) => ENTRAIDE_CASE_STATUS_LABELS[r.status], (r) => r.count)} />
      <StatChart id="stats-decisions" title="Décisions par issue" column="Décision" {...statBars(stats.byOutcome, (r) => r.outcome, (r) => ENTRAIDE_DECISION_LABELS[r.outcome], (r) => r.count)} />
      <StatChart id="stats-mois" title="Dossiers ouverts par mois" column="Mois" vertical={false} {...statBars(stats.byMonth, (r) => r.month, (r) => monthLabel(r.month), (r) => r.count)} />
      <StatChart id="stats-departements" title="Dossiers par département" column="Département" {...statBars(stats.byDepartement, (r) => r.departement, (r) => r.departement, (r) => r.count)} />
    </>
  );
}

function Figure({ value, text }: { value: string; text: string }) {
  return (
    <li className="card">
      <p className="dashboard-figure">{value}</p>
      <p>{text}</p>
    </li>
  );
}

function StatChart({ id, title, column, data, rows, hidden, vertical = true }: {
  id: string;
  title: string;
  column: string;
  data: { name: string; count: number | null }[];
  rows: { key: string; cells: string[] }[];
  hidden: number;
  vertical?: boolean;
}) {
  // Cells hidden by the server are in the table, not in the chart: say how many bars are missing.
  const hint = hidden > 0 ? `${hidden} valeur${hidden > 1 ? 's' : ''} « ${SMALL_CELL} » non dessinée${hidden > 1 ? 's' : ''}.` : undefined;
  return (
    <BarChartWithTable
      id={id}
      title={title}
      column={column}
      series="Dossiers"
      data={data}
      rows={rows}
      empty={rows.length === 0}
      emptyText="Aucun dossier sur la période."
      hint={hint}
      labelWidth={130}
      missingLabel={SMALL_CELL}
      vertical={vertical}
    />
  );
}

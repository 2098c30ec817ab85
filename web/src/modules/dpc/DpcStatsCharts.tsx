import { BarChartWithTable } from '../../components/BarChartWithTable.js';
import type { TDpcStats } from './dpc-exchanges.api.js';

// The statistics' figures and charts (recharts, through BarChartWithTable, loads with this page only).

const monthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const dayFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });
const percentFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** « 2026-03 » → « mars 2026 ». */
export function monthLabel(month: string): string {
  const date = new Date(`${month}-15T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? month : monthFormat.format(date);
}
const dayLabel = (iso: string) => dayFormat.format(new Date(`${iso}T12:00:00Z`));

export function DpcStatsCharts({ stats }: { stats: TDpcStats }) {
  const period = stats.from || stats.to
    ? `Signalements reçus ${stats.from ? `du ${dayLabel(stats.from)}` : 'depuis le début'} ${stats.to ? `au ${dayLabel(stats.to)}` : 'jusqu’à aujourd’hui'}.`
    : 'Tous les signalements reçus.';
  const health = stats.healthShare;
  return (
    <>
      <p className="lead">{period}</p>
      <ul className="cards dashboard-figures">
        <li className="card">
          <p className="dashboard-figure">{stats.total.toLocaleString('fr-FR')}</p>
          <p>signalements</p>
        </li>
        <li className="card">
          <p className="dashboard-figure">{`${percentFormat.format(health.percent)} %`}</p>
          <p>{`concernent la santé (${health.concerning.toLocaleString('fr-FR')} sur ${health.total.toLocaleString('fr-FR')})`}</p>
        </li>
      </ul>
      <StatChart id="dpc-stats-natures" title="Signalements par nature" column="Nature" rows={stats.byKind.map((r) => ({ key: r.kind, label: r.label, count: r.count }))} />
      <StatChart id="dpc-stats-pratiques" title="Signalements par pratique repérée" column="Pratique" hint="Un signalement peut relever de plusieurs pratiques." rows={stats.byPractice.map((r) => ({ key: r.family ?? 'aucune', label: r.label, count: r.count }))} />
      <StatChart id="dpc-stats-regions" title="Signalements par région des faits" column="Région" rows={stats.byRegion.map((r) => ({ key: r.region ?? 'non-precisee', label: r.label, count: r.count }))} />
      <StatChart id="dpc-stats-suites" title="Suites données" column="Suite" hint="Une décision peut comporter plusieurs suites." rows={stats.byOutcome.map((r) => ({ key: r.outcome, label: r.label, count: r.count }))} />
      <StatChart id="dpc-stats-auteurs" title="Signalements par auteur" column="Auteur" rows={stats.byReporterKind.map((r) => ({ key: r.reporterKind, label: r.label, count: r.count }))} />
      <StatChart id="dpc-stats-mois" title="Signalements reçus par mois" column="Mois" vertical={false} rows={stats.byMonth.map((r) => ({ key: r.month, label: monthLabel(r.month), count: r.count }))} />
    </>
  );
}

function StatChart({ id, title, column, rows, hint, vertical = true }: {
  id: string;
  title: string;
  column: string;
  rows: { key: string; label: string; count: number }[];
  hint?: string;
  vertical?: boolean;
}) {
  return (
    <BarChartWithTable
      id={id}
      title={title}
      column={column}
      series="Signalements"
      data={rows.map((r) => ({ name: r.label, count: r.count }))}
      rows={rows}
      empty={rows.length === 0 || rows.every((r) => r.count === 0)}
      emptyText="Aucun signalement sur la période."
      hint={hint}
      vertical={vertical}
    />
  );
}

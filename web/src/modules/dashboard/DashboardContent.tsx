import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TDashboardStats } from '../../../../contracts/dashboard.schemas.js';
import { SERIES_COLOURS } from './chart-data.js';
import { campaignStatusLabel, channelLabel, departementKeyLabel, familyLabel, formatDelay, statusLabel } from './labels.js';
import { WeeklyChart } from './WeeklyChart.js';
import { ChartDataTable } from '../../components/ChartDataTable.js';

const dayLabel = (day: string) => new Date(`${day}T12:00:00Z`).toLocaleDateString('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

/** The dashboard's figures and charts, each chart with its table in « Voir les données ». */
export function DashboardContent({ stats }: { stats: TDashboardStats }) {
  return (
    <>
      <p className="lead">
        Du {dayLabel(stats.from)} au {dayLabel(stats.to)} — {stats.departement ? `département ${stats.departement}` : 'tous les départements'}.
      </p>
      <ul className="cards dashboard-figures">
        <li className="card">
          <p className="dashboard-figure">{stats.totalReports.toLocaleString('fr-FR')}</p>
          <p>signalements reçus (hors doublons fusionnés)</p>
        </li>
        <li className="card">
          <p className="dashboard-figure">{formatDelay(stats.qualification.medianHours)}</p>
          <p>
            délai médian entre le signalement et sa qualification, sur {stats.qualification.qualified.toLocaleString('fr-FR')} signalement
            {stats.qualification.qualified > 1 ? 's qualifiés' : ' qualifié'} pendant la période
          </p>
        </li>
      </ul>
      <WeeklyChart id="par-canal" title="Signalements par semaine et par canal" weeks={stats.weeks} counts={stats.byChannel} labelOf={channelLabel} />
      <WeeklyChart id="par-famille" title="Signalements par semaine et par famille d'escroquerie" weeks={stats.weeks} counts={stats.byFamily} labelOf={familyLabel} />
      <WeeklyChart id="par-departement" title="Signalements par semaine et par département" weeks={stats.weeks} counts={stats.byDepartement} labelOf={departementKeyLabel} />
      <TopCampaigns campaigns={stats.topCampaigns} />
      <StatusChart rows={stats.byStatus} />
    </>
  );
}

function TopCampaigns({ campaigns }: { campaigns: TDashboardStats['topCampaigns'] }) {
  const data = campaigns.map((c) => ({ name: c.reference, reports: c.reports }));
  return (
    <section className="card dashboard-panel" aria-labelledby="campagnes-titre">
      <h2 id="campagnes-titre">Campagnes les plus signalées</h2>
      {campaigns.length === 0 ? (
        <p>Aucune campagne sur la période.</p>
      ) : (
        <>
          <div className="dashboard-chart--auto" aria-hidden="true">
            <ResponsiveContainer width="100%" height={48 + 36 * data.length}>
              <BarChart data={data} layout="vertical" accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 12 }} />
                <Tooltip />
                <Bar dataKey="reports" name="Signalements" fill={SERIES_COLOURS[0]} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <details className="dashboard-data" open>
            <summary>Voir les campagnes (tableau)</summary>
            <div className="table-wrap" role="region" aria-labelledby="campagnes-tableau" tabIndex={0}>
              <table className="table">
                <caption id="campagnes-tableau">
                  <span className="table__caption">Campagnes par nombre de signalements reçus pendant la période</span>
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Campagne</th>
                    <th scope="col">Libellé</th>
                    <th scope="col">État</th>
                    <th scope="col">Signalements</th>
                  </tr>
                </thead>
                <tbody>
                  {campaigns.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">
                        <Link to={`/campagnes/${encodeURIComponent(c.id)}`}>{c.reference}</Link>
                      </th>
                      <td>{c.label}</td>
                      <td>{campaignStatusLabel(c.status)}</td>
                      <td>{c.reports}</td>
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

function StatusChart({ rows }: { rows: TDashboardStats['byStatus'] }) {
  const data = rows.map((r) => ({ name: statusLabel(r.status), count: r.count }));
  return (
    <section className="card dashboard-panel" aria-labelledby="statuts-titre">
      <h2 id="statuts-titre">Signalements de la période par état</h2>
      {rows.length === 0 ? (
        <p>Aucun signalement sur la période.</p>
      ) : (
        <>
          <div className="dashboard-chart dashboard-chart--small" aria-hidden="true">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="name" />
                <YAxis allowDecimals={false} width={40} />
                <Tooltip />
                <Bar dataKey="count" name="Signalements" fill={SERIES_COLOURS[2]} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <ChartDataTable
            id="statuts-tableau"
            className="dashboard-data"
            summary="Voir les données par état (tableau)"
            caption="Signalements reçus pendant la période, par état actuel"
            columns={['État', 'Signalements']}
            rows={data.map((r) => ({ key: r.name, label: r.name, count: r.count }))}
          />
        </>
      )}
    </section>
  );
}

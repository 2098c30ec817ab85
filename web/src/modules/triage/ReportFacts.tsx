import { type TTriageReportDetail } from '../../../../contracts/triage.schemas.js';
import { REPORT_CHANNEL_LABELS, REPORT_SOURCE_LABELS } from '../../../../contracts/report-vocabulary.js';
import { formatDateTime } from '../../lib/format.js';
import { Detail, Details } from '../../components/Details.js';

function orDash(value: string | null): string {
  return value ? value : '—';
}

const dayFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

function formatDay(day: string | null): string {
  if (!day) return '—';
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayFormat.format(date);
}

/**
 * What the reporter told the council. Every value came from outside (the reporter, a forwarded email):
 * shown as text only, and the links are never made clickable.
 */
export function ReportFacts({ report }: { report: TTriageReportDetail }) {
  return (
    <section className="section" aria-labelledby="signalement-faits">
      <h2 id="signalement-faits">Faits signalés</h2>
      <Details>
        <Detail label="Reçu le">{formatDateTime(report.createdAt)}</Detail>
        <Detail label="Reçu par">{REPORT_SOURCE_LABELS[report.source]}</Detail>
        <Detail label="Canal">{REPORT_CHANNEL_LABELS[report.channel]}</Detail>
        <Detail label="Date des faits">{formatDay(report.occurredOn)}</Detail>
        <Detail label="Organisme invoqué">{orDash(report.organisationName)}</Detail>
        <Detail label="Numéro appelant">{orDash(report.callerNumber)}</Detail>
        <Detail label="Expéditeur">{orDash(report.sender)}</Detail>
        <Detail label="Liens">
          {report.links.length === 0 ? (
            '—'
          ) : (
            <ul className="plain-list">
              {report.links.map((link) => (
                <li key={link}>
                  <code className="triage-link">{link}</code>
                </li>
              ))}
            </ul>
          )}
        </Detail>
        <Detail label="Département">{report.departement ?? 'Aucun (signalements nationaux)'}</Detail>
      </Details>
      <h3>Ce qui s'est passé</h3>
      {report.description ? <p className="triage-text">{report.description}</p> : <p className="muted">Non renseigné.</p>}
    </section>
  );
}

/** Who reported: for the council only (the reporter may be pseudonymous toward anyone else). */
export function ReporterDetails({ reporter }: { reporter: TTriageReportDetail['reporter'] }) {
  return (
    <section className="section" aria-labelledby="signalement-signalant">
      <h2 id="signalement-signalant">Signalant</h2>
      {reporter.pseudonymous ? (
        <p className="badge badge--warning">Souhaite rester anonyme : ne pas divulguer hors du conseil</p>
      ) : null}
      <Details>
        <Detail label="Nom">{orDash(reporter.name)}</Detail>
        <Detail label="Adresse électronique">{orDash(reporter.email ?? reporter.account?.email ?? null)}</Detail>
        <Detail label="Compte Vigie">{reporter.account ? `${reporter.account.displayName} (${reporter.account.email})` : 'Aucun : adresse confirmée par un lien'}</Detail>
        <Detail label="Adresse confirmée le">{formatDateTime(reporter.confirmedAt, reporter.account ? 'Compte connecté' : 'Pas encore confirmée')}</Detail>
      </Details>
    </section>
  );
}

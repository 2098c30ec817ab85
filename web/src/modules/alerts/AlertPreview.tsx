import { useId } from 'react';
import { ALERT_PREVIEW_NAME, alertPublicSections, alertSalutation, renderAlertMail, type AlertContent } from '../../../../contracts/alert-message.js';
import { Details } from '../../components/Details.js';

/** One alert as « Alertes en cours » shows it (the public page and the previews share it). */
export function PublicAlertCard({ alert, headingId, publishedAt }: { alert: AlertContent; headingId: string; publishedAt?: React.ReactNode }) {
  return (
    <article className="public-alert" aria-labelledby={headingId}>
      <h2 id={headingId}>{alert.title || 'Titre de l’alerte'}</h2>
      {publishedAt}
      {alertPublicSections(alert).map((section) => (
        <div key={section.label}>
          <h3>{section.label}</h3>
          <p className="public-alert__text">{section.body}</p>
        </div>
      ))}
    </article>
  );
}

/**
 * What doctors will receive and read, exactly: the email rendered by the function the broadcast uses
 * (contracts/alert-message.ts; each doctor reads their own name where the preview shows an example),
 * and the card of the public page. The drafter sees it while writing, the approver before approving.
 */
export function AlertPreview({ alert }: { alert: AlertContent }) {
  const id = useId();
  const mail = renderAlertMail(alert, { publicUrl: window.location.origin, salutation: alertSalutation(ALERT_PREVIEW_NAME) });
  return (
    <section className="section alert-message-preview" aria-labelledby={`${id}-titre`}>
      <h2 id={`${id}-titre`}>Aperçu de ce que recevront les médecins</h2>
      <h3>Le courriel</h3>
      <p className="hint">Chaque médecin y lit son nom tel qu’il est inscrit au Tableau (ici, un exemple : « {ALERT_PREVIEW_NAME} »).</p>
      <Details>
        <dt>Expéditeur</dt>
        <dd>L’Ordre des médecins (adresse d’envoi des alertes)</dd>
        <dt>Objet</dt>
        <dd>{mail.subject}</dd>
      </Details>
      <pre className="mail-preview" tabIndex={0} aria-label="Texte du courriel">
        {mail.text}
      </pre>
      <h3>Sur la page publique « Alertes en cours »</h3>
      <div className="public-alert-preview">
        <PublicAlertCard alert={alert} headingId={`${id}-public`} />
      </div>
    </section>
  );
}

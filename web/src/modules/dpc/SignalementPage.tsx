import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { DPC_DECISION_OUTCOME_LABELS, DPC_SIGNALEMENT_KIND_LABELS, DPC_SUBJECT_KIND_LABELS } from '../../../../contracts/dpc-signalements.schemas.js';
import { DPC_SIGNALEMENT_EVENT_LABELS, type TDpcSignalementDetail } from '../../../../contracts/dpc-workflow.schemas.js';
import { DriftFindingsList, DriftHighlightedText } from '../../components/dpc/DriftEvidence.js';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { Loading, Page } from '../../components/Page.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { formatDateTime, formatFileSize } from '../../lib/format.js';
import { ContradictorySection } from './ContradictorySection.js';
import { DpcExchangesPanel } from './DpcExchangesPanel.js';
import { evidenceHref, useReadBase, useSignalement } from './dpc-workflow.api.js';
import { SignalementDecisionForm } from './SignalementDecisionForm.js';
import { SignalementPriorityBadge, SignalementStatusBadge } from './SignalementLabels.js';
import { SignalementReporterReveal } from './SignalementReporterReveal.js';
import { SignalementReviewForm } from './SignalementReviewForm.js';
import { SignalementTriageForm } from './SignalementTriageForm.js';
import { Detail, Details } from '../../components/Details.js';

/**
 * One DPC signalement as the council works it. Keyed by the signalement: opening another starts from a
 * blank page, so a reporter's identity revealed on the previous one is not carried over.
 */
export function SignalementPage() {
  const { id = '' } = useParams();
  return <SignalementView key={id} id={id} />;
}

function SignalementView({ id }: { id: string }) {
  const base = useReadBase();
  const query = useSignalement(id);
  const [message, setMessage] = useState('');
  const detail = query.data;

  return (
    <Page title={detail ? `Signalement ${detail.reference}` : 'Signalement DPC'}>
      <p>
        <Link to="/vigilance-dpc/signalements">Retour aux signalements</Link>
      </p>
      <p className="audit-note">Consultation enregistrée dans le journal d’audit.</p>
      {query.isPending ? <Loading /> : null}
      {query.isError ? <FormError errors={toFormErrors(query.error)} idPrefix="signalement" /> : null}
      {detail && base ? (
        <>
          <div aria-live="polite">
            {message ? (
              <Notice tone="success">
                <p>{message}</p>
              </Notice>
            ) : null}
          </div>
          <SignalementSummary detail={detail} />
          <section className="section" aria-labelledby="signalement-faits">
            <h2 id="signalement-faits">Les faits rapportés</h2>
            <DriftHighlightedText text={detail.facts} findings={detail.findings} label="Faits rapportés, marqueurs de dérive surlignés" idPrefix="faits" />
            <h3>Marqueurs relevés dans les faits</h3>
            <DriftFindingsList findings={detail.findings} idPrefix="faits" />
          </section>
          <ActionSection detail={detail} />
          <EvidenceSection detail={detail} base={base} />
          {detail.can.revealReporter ? <SignalementReporterReveal signalementId={detail.id} /> : null}
          {detail.can.triage ? <SignalementTriageForm detail={detail} onDone={setMessage} /> : null}
          <ReviewsSection detail={detail} />
          {detail.can.review ? <SignalementReviewForm detail={detail} onDone={setMessage} /> : null}
          <ContradictorySection detail={detail} onDone={setMessage} />
          {detail.decision ? <DecisionSection decision={detail.decision} /> : detail.can.decide ? <SignalementDecisionForm detail={detail} onDone={setMessage} /> : null}
          {base === 'signalements' ? <DpcExchangesPanel signalementId={detail.id} /> : null}
          <JournalSection detail={detail} />
        </>
      ) : null}
    </Page>
  );
}

function SignalementSummary({ detail }: { detail: TDpcSignalementDetail }) {
  return (
    <Details>
      <Detail label="Statut">
        <SignalementStatusBadge status={detail.status} />
      </Detail>
      <Detail label="Type">{DPC_SIGNALEMENT_KIND_LABELS[detail.kind]}</Detail>
      <Detail label="Objet">
        {DPC_SUBJECT_KIND_LABELS[detail.subjectKind]} : {detail.subjectLabel}
        {detail.practitionerRpps ? ` (RPPS ${detail.practitionerRpps})` : ''}
      </Detail>
      <Detail label="Priorité du repérage">
        <SignalementPriorityBadge priority={detail.priority} /> — score {detail.score}/100
      </Detail>
      <Detail label="Lieu et date des faits">
        {detail.departement ?? 'Département non précisé'}
        {detail.occurredOn ? `, le ${new Date(`${detail.occurredOn}T12:00:00Z`).toLocaleDateString('fr-FR', { dateStyle: 'long' })}` : ''}
      </Detail>
      <Detail label="Relecteur">{detail.reviewer?.displayName ?? 'Aucun relecteur désigné'}</Detail>
      <Detail label="Reçu le">{formatDateTime(detail.createdAt)}</Detail>
    </Details>
  );
}

function ActionSection({ detail }: { detail: TDpcSignalementDetail }) {
  if (!detail.action && !detail.organisation) return null;
  return (
    <section className="section" aria-labelledby="signalement-action">
      <h2 id="signalement-action">{detail.action ? 'L’action de formation au catalogue' : 'L’organisme au catalogue'}</h2>
      {detail.organisation ? (
        <p>
          Organisme : <strong>{detail.organisation.name}</strong> (n° {detail.organisation.registrationNumber})
          {detail.organisation.contactEmail ? ` — contact : ${detail.organisation.contactEmail}` : ''}
        </p>
      ) : null}
      {detail.action ? (
        <>
          <p>
            Action {detail.action.reference} : <strong>{detail.action.title}</strong>
          </p>
          {/* The findings' offsets point into the text the screening read: the title, then the programme. */}
          <DriftHighlightedText
            text={detail.action.screening?.screenedText ?? detail.action.programme}
            findings={detail.action.screening?.findings ?? []}
            label="Titre et programme de l’action, marqueurs de dérive surlignés"
            idPrefix="programme"
          />
          <h3>Marqueurs relevés dans le programme</h3>
          {detail.action.screening ? <DriftFindingsList findings={detail.action.screening.findings} idPrefix="programme" /> : <p>Ce programme n’a pas encore été contrôlé.</p>}
        </>
      ) : null}
    </section>
  );
}

function EvidenceSection({ detail, base }: { detail: TDpcSignalementDetail; base: 'signalements' | 'reviews' }) {
  return (
    <section className="section" aria-labelledby="signalement-pieces">
      <h2 id="signalement-pieces">Pièces jointes</h2>
      {detail.evidence.length === 0 ? (
        <p>Aucune pièce jointe.</p>
      ) : (
        <ul>
          {detail.evidence.map((e) => (
            <li key={e.id}>
              <a href={evidenceHref(base, detail.id, e.id)} download>
                {e.fileName}
              </a>{' '}
              <span className="muted">
                ({formatFileSize(e.sizeBytes)}
                {e.scanStatus === 'non_analyse' ? ', non analysée par l’antivirus' : ''})
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ReviewsSection({ detail }: { detail: TDpcSignalementDetail }) {
  if (detail.reviews.length === 0) return null;
  return (
    <section className="section" aria-labelledby="signalement-avis">
      <h2 id="signalement-avis">Avis du relecteur</h2>
      {detail.reviews.map((r) => (
        <article key={r.id} className="card">
          <p>
            <strong>{r.reviewerName}</strong>, le {formatDateTime(r.createdAt)} — recommande : {r.recommendedOutcomes.map((o) => DPC_DECISION_OUTCOME_LABELS[o]).join(', ')}
          </p>
          <p className="triage-text">{r.opinion}</p>
          {r.confirmedRuleIds.length > 0 ? <p>Marqueurs confirmés : {r.confirmedRuleIds.map((ruleId) => detail.findings.find((f) => f.ruleId === ruleId)?.familyLabel ?? ruleId).join(', ')}</p> : null}
        </article>
      ))}
    </section>
  );
}

function DecisionSection({ decision }: { decision: NonNullable<TDpcSignalementDetail['decision']> }) {
  return (
    <section className="section" aria-labelledby="signalement-decision">
      <h2 id="signalement-decision">Décision</h2>
      <p>
        <strong>{decision.outcomes.map((o) => DPC_DECISION_OUTCOME_LABELS[o]).join(', ')}</strong>
        {decision.decidedByName ? `, par ${decision.decidedByName}` : ''}
        {decision.decidedAt ? `, le ${formatDateTime(decision.decidedAt)}` : ''}
      </p>
      {decision.reason ? <p className="triage-text">{decision.reason}</p> : null}
    </section>
  );
}

function JournalSection({ detail }: { detail: TDpcSignalementDetail }) {
  return (
    <section className="section" aria-labelledby="signalement-journal">
      <h2 id="signalement-journal">Journal</h2>
      <ol className="timeline">
        {detail.events.map((e) => (
          <li key={e.id}>
            <strong>{DPC_SIGNALEMENT_EVENT_LABELS[e.kind]}</strong> — {formatDateTime(e.at)}
            {e.actorName ? `, ${e.actorName}` : ''}
            {e.note ? <p className="triage-text">{e.note}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

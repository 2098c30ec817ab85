import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  ENTRAIDE_BENEFICIARY_LABELS,
  ENTRAIDE_CONTACT_MEANS_LABELS,
  ENTRAIDE_SOURCE_LABELS,
  type TEntraideCaseDetail,
} from '../../../../contracts/entraide.schemas.js';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { Loading, Page } from '../../components/Page.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { formatDateTime } from '../../lib/format.js';
import { hasPermission, useSession } from '../../lib/session.js';
import { AccessExportForm } from './AccessExportForm.js';
import { CaseJournal } from './CaseJournal.js';
import { CneConsentForm } from './CneConsentForm.js';
import { DecisionForm } from './DecisionForm.js';
import { EscalationForm } from './EscalationForm.js';
import { IdentityReveal } from './IdentityReveal.js';
import { ReferentForm } from './ReferentForm.js';
import { StatusChangeForm } from './StatusChangeForm.js';
import { useCase } from './entraide-commission.api.js';
import { CaseStatusBadge, UrgencyBadge, decisionText, naturesText } from './labels.js';
import { Detail, Details } from '../../components/Details.js';

/**
 * One case, by its pseudonym. Keyed by the case: opening another case starts from a blank page, so an
 * identity revealed on the previous one is not carried over.
 */
export function CasePage() {
  const { id = '' } = useParams();
  return <CaseView key={id} id={id} />;
}

function CaseView({ id }: { id: string }) {
  const { data: session } = useSession();
  const query = useCase(id);
  const [message, setMessage] = useState('');
  const detail = query.data;
  const can = (permission: Parameters<typeof hasPermission>[1]) => hasPermission(session, permission);
  const isCne = session?.user?.role === 'membre_cne';

  return (
    <Page title={detail ? `Dossier ${detail.reference}` : "Dossier d'entraide"}>
      <p>
        <Link to="/entraide/dossiers">Retour aux dossiers</Link>
      </p>
      <p className="audit-note">Consultation enregistrée dans le journal d'audit.</p>
      {query.isPending ? <Loading /> : null}
      {query.isError ? <FormError errors={toFormErrors(query.error)} idPrefix="dossier" /> : null}
      {detail ? (
        <>
          <div aria-live="polite">
            {message ? (
              <Notice tone="success">
                <p>{message}</p>
              </Notice>
            ) : null}
          </div>
          <CaseFacts detail={detail} />
          <nav aria-label="Sur cette page">
            <ul className="inline-list">
              <li>
                <a href="#dossier-journal">Journal</a>
              </li>
              <li>
                <a href="#dossier-decisions">Décisions</a>
              </li>
              <li>
                <Link to={`/entraide/dossiers/${encodeURIComponent(detail.id)}/budget`}>
                  Budget et reste à vivre{detail.escalatedAt ? ', orientation vers Crésus' : ''}
                </Link>
              </li>
            </ul>
          </nav>
          <IdentityReveal
            caseId={detail.id}
            unavailable={
              isCne && !detail.identityVisibleToCne
                ? "La personne n'a pas consenti à ce que son identité soit connue de la commission nationale : le dossier se traite sous pseudonyme."
                : null
            }
          />
          <CaseJournal detail={detail} canWrite={can('entraide:case_manage')} onDone={setMessage} />
          {can('entraide:case_manage') && !isCne && detail.status !== 'clos' ? <ReferentForm detail={detail} onDone={setMessage} /> : null}
          <CaseDecisions detail={detail} />
          {can('entraide:case_manage') && detail.status !== 'clos' ? <DecisionForm caseId={detail.id} onDone={setMessage} /> : null}
          {can('entraide:escalate') && !detail.escalatedAt && detail.status !== 'clos' ? <EscalationForm caseId={detail.id} onDone={setMessage} /> : null}
          {can('entraide:escalate') && detail.escalatedAt && !detail.identityVisibleToCne && detail.status !== 'clos' ? <CneConsentForm caseId={detail.id} onDone={setMessage} /> : null}
          {can('entraide:case_manage') ? <StatusChangeForm detail={detail} onDone={setMessage} /> : null}
          {can('entraide:access_export') && !(isCne && !detail.identityVisibleToCne) ? <AccessExportForm caseId={detail.id} reference={detail.reference} /> : null}
        </>
      ) : null}
    </Page>
  );
}

/** The commission's decisions, oldest first, each with its vote. */
function CaseDecisions({ detail }: { detail: TEntraideCaseDetail }) {
  return (
    <section className="section" aria-labelledby="dossier-decisions">
      <h2 id="dossier-decisions">Décisions prises</h2>
      {detail.decisions.length === 0 ? (
        <p className="muted">Aucune décision pour ce dossier.</p>
      ) : (
        <ul>
          {detail.decisions.map((d, index) => (
            <li key={`${d.decidedOn}-${index}`}>{decisionText(d)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What the workflow knows about the case; nothing here names the person. */
function CaseFacts({ detail }: { detail: TEntraideCaseDetail }) {
  return (
    <Details>
      <Detail label="Statut" className="status-line">
        <CaseStatusBadge status={detail.status} />
      </Detail>
      <Detail label="Natures de la difficulté">{naturesText(detail.natures)}</Detail>
      <Detail label="Urgence">
        <UrgencyBadge urgency={detail.urgency} />
      </Detail>
      <Detail label="Personne aidée">{ENTRAIDE_BENEFICIARY_LABELS[detail.beneficiaryKind]}</Detail>
      <Detail label="Origine de la demande">{ENTRAIDE_SOURCE_LABELS[detail.source]}</Detail>
      <Detail label="Contact">
        {ENTRAIDE_CONTACT_MEANS_LABELS[detail.contactMeans]}
        {detail.contactConsent ? ' — la commission peut prendre contact' : ' — la personne rappellera elle-même'}
      </Detail>
      <Detail label="Département">{detail.departement}</Detail>
      <Detail label="Référent">{detail.referentName ?? 'Aucun'}</Detail>
      <Detail label="Ouvert le">{formatDateTime(detail.openedAt)}</Detail>
      <Detail label="Dernière activité">{formatDateTime(detail.lastActivityAt)}</Detail>
      {detail.escalatedAt ? (
        <Detail label="Transmis à la commission nationale">
          le {formatDateTime(detail.escalatedAt)} —{' '}
          {detail.identityVisibleToCne ? 'avec l’accord de la personne pour son identité' : 'sous pseudonyme, sans accord pour l’identité'}
        </Detail>
      ) : null}
      {detail.closedAt ? <Detail label="Clos le">{formatDateTime(detail.closedAt)}</Detail> : null}
    </Details>
  );
}

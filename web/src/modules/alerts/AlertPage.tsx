import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { TAlertView } from '../../../../contracts/alerts.schemas.js';
import { Loading, Page } from '../../components/Page.js';
import { FormError } from '../../components/FormError.js';
import { FormActions } from '../../components/FormActions.js';
import { Notice } from '../../components/Notice.js';
import { TextAreaField } from '../../components/fields.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { formatDateTime } from '../../lib/format.js';
import { useSession } from '../../lib/session.js';
import { useAlert, useReturnAlert, useSubmitAlert, useUpdateAlert } from './alerts.api.js';
import { AlertForm, type AlertFormValues } from './AlertForm.js';
import { AlertPreview } from './AlertPreview.js';
import { AlertProgress } from './AlertProgress.js';
import { ApproveDialog, WithdrawDialog } from './AlertDialogs.js';
import { ALERT_STATUS_LABELS, alertStatusTone, audienceLabel, formatDay, lastVisibleDay } from './labels.js';
import { Detail, Details } from '../../components/Details.js';

function formValuesOf(alert: TAlertView): AlertFormValues {
  return {
    title: alert.title,
    situation: alert.situation,
    whatToDo: alert.whatToDo,
    whatNotToDo: alert.whatNotToDo,
    scope: alert.audience.scope,
    departements: alert.audience.departements.join(', '),
    specialties: alert.audience.specialties,
    visibleUntil: lastVisibleDay(alert.visibleUntil),
    campaignId: alert.campaign?.id ?? null,
  };
}

function AlertDetails({ alert }: { alert: TAlertView }) {
  return (
    <Details>
      <Detail label="Statut"><span className={alertStatusTone(alert.status)}>{ALERT_STATUS_LABELS[alert.status]}</span></Detail>
      <Detail label="Destinataires">{audienceLabel(alert.audience)}</Detail>
      {alert.campaign ? <Detail label="Campagne"><Link to={`/campagnes/${encodeURIComponent(alert.campaign.id)}`}>{`${alert.campaign.reference} — ${alert.campaign.label}`}</Link></Detail> : null}
      <Detail label="Rédigée par">{`${alert.draftedBy.displayName}, le ${formatDateTime(alert.createdAt)}`}</Detail>
      {alert.submittedAt ? <Detail label="Soumise le">{formatDateTime(alert.submittedAt)}</Detail> : null}
      {alert.approvedBy && alert.approvedAt ? <Detail label="Approuvée par">{`${alert.approvedBy.displayName}, le ${formatDateTime(alert.approvedAt)}`}</Detail> : null}
      <Detail label="Page publique">{alert.visibleUntil ? `jusqu’au ${formatDay(new Date(new Date(alert.visibleUntil).getTime() - 1).toISOString())} inclus` : '30 jours après l’approbation'}</Detail>
      {alert.broadcastFinishedAt ? <Detail label="Diffusion terminée le">{formatDateTime(alert.broadcastFinishedAt)}</Detail> : null}
      {alert.withdrawnAt ? <Detail label="Retirée le">{formatDateTime(alert.withdrawnAt)}</Detail> : null}
    </Details>
  );
}

function ReturnForm({ alert }: { alert: TAlertView }) {
  const send = useReturnAlert(alert.id);
  const errors = toFormErrors(send.error, { FOUR_EYES_REQUIRED: 'comment' });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send.mutate(String(new FormData(event.currentTarget).get('comment') ?? '').trim());
  }
  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="alerte-renvoi">
      <h3 id="alerte-renvoi">Renvoyer au rédacteur</h3>
      <FormError errors={errors} idPrefix="renvoi" />
      <TextAreaField idPrefix="renvoi" name="comment" label="Ce qu’il faut revoir" required minLength={5} maxLength={2000} error={errors?.fields.comment} />
      <FormActions submitLabel="Renvoyer au brouillon" pending={send.isPending} />
    </form>
  );
}

/** One alert: its text and audience; edit and submit (drafter), approve or return (another agent), progress, withdrawal. */
export function AlertPage() {
  const { id = '' } = useParams();
  const { data: session } = useSession();
  const query = useAlert(id);
  const update = useUpdateAlert(id);
  const submit = useSubmitAlert(id);
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<'approve' | 'withdraw' | null>(null);
  const alert = query.data;
  const isDrafter = !!alert && session?.user?.id === alert.draftedBy.id;

  return (
    <Page title={alert ? `Alerte : ${alert.title}` : 'Alerte'}>
      <p>
        <Link to="/alertes/gestion">Retour aux alertes</Link>
      </p>
      {query.isPending ? <Loading /> : null}
      {query.isError ? <FormError errors={toFormErrors(query.error)} idPrefix="alerte-chargement" /> : null}
      {alert ? (
        <>
          {alert.status === 'brouillon' && alert.reviewComment ? (
            <Notice tone="warning" title="Renvoyée au brouillon par l’agent chargé de l’approbation">
              <p>{alert.reviewComment}</p>
            </Notice>
          ) : null}
          {alert.status === 'a_approuver' && isDrafter ? (
            <Notice title="En attente d’approbation">
              <p>Un autre agent doit relire et approuver cette alerte : vous ne pouvez pas approuver une alerte que vous avez rédigée.</p>
            </Notice>
          ) : null}
          <AlertDetails alert={alert} />
          {alert.preview ? (
            <p role="status">
              Destinataires à ce jour : <strong>{alert.preview.recipients.toLocaleString('fr-FR')}</strong> médecin{alert.preview.recipients > 1 ? 's' : ''}
              {alert.preview.withoutEmail > 0 ? ` (${alert.preview.withoutEmail.toLocaleString('fr-FR')} sans adresse électronique)` : ''}.
            </p>
          ) : null}
          {alert.deliveries.total > 0 ? <AlertProgress alert={alert} /> : null}

          {editing && alert.can.edit ? (
            <section className="section" aria-labelledby="alerte-modifier">
              <h2 id="alerte-modifier">Modifier le brouillon</h2>
              <AlertForm
                initial={formValuesOf(alert)}
                submitLabel="Enregistrer les modifications"
                pending={update.isPending}
                error={update.error}
                onSubmit={(input) => update.mutate(input, { onSuccess: () => setEditing(false) })}
                onCancel={() => setEditing(false)}
              />
            </section>
          ) : (
            <AlertPreview alert={alert} />
          )}

          {submit.error ? <FormError errors={toFormErrors(submit.error)} idPrefix="soumission" /> : null}
          <div className="button-row">
            {alert.can.edit && !editing ? (
              <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
                Modifier le brouillon
              </button>
            ) : null}
            {alert.can.submit && !editing ? (
              <button type="button" className="button" disabled={submit.isPending} onClick={() => submit.mutate(undefined)}>
                Soumettre pour approbation
              </button>
            ) : null}
            {alert.can.approve ? (
              <button type="button" className="button" onClick={() => setDialog('approve')}>
                Approuver et diffuser
              </button>
            ) : null}
            {alert.can.withdraw ? (
              <button type="button" className="button button--danger" onClick={() => setDialog('withdraw')}>
                Retirer l’alerte
              </button>
            ) : null}
          </div>
          {alert.can.approve ? <ReturnForm alert={alert} /> : null}
          {dialog === 'approve' ? <ApproveDialog alert={alert} onClose={() => setDialog(null)} /> : null}
          {dialog === 'withdraw' ? <WithdrawDialog alert={alert} onClose={() => setDialog(null)} /> : null}
        </>
      ) : null}
    </Page>
  );
}

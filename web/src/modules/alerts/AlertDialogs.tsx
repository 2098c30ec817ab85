import { useRef } from 'react';
import type { FormEvent } from 'react';
import type { TAlertView } from '../../../../contracts/alerts.schemas.js';
import { AuditReasonField } from '../../components/AuditReasonField.js';
import { Dialog } from '../../components/Dialog.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useApproveAlert, useWithdrawAlert } from './alerts.api.js';

/** The last check before the broadcast starts: how many doctors will receive it. */
export function ApproveDialog({ alert, onClose }: { alert: TAlertView; onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const approve = useApproveAlert(alert.id);
  const errors = toFormErrors(approve.error);
  const recipients = alert.preview?.recipients ?? 0;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    approve.mutate(undefined, { onSuccess: () => dialogRef.current?.close() });
  }

  return (
    <Dialog title="Approuver et diffuser l’alerte" onClose={onClose} dialogRef={dialogRef}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <p>
          L’alerte « {alert.title} » partira par courriel à <strong>{recipients.toLocaleString('fr-FR')}</strong> médecin{recipients > 1 ? 's' : ''} et
          s’affichera sur la page publique « Alertes en cours ». Relisez le texte : il ne pourra plus être modifié, seulement retiré.
        </p>
        <FormError errors={errors} idPrefix="approbation" />
        <FormActions submitLabel="Approuver et diffuser" pending={approve.isPending} onCancel={() => dialogRef.current?.close()} />
      </form>
    </Dialog>
  );
}

/** Withdrawing: the alert leaves the public page and its unsent emails are never sent. */
export function WithdrawDialog({ alert, onClose }: { alert: TAlertView; onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const withdraw = useWithdrawAlert(alert.id);
  const errors = toFormErrors(withdraw.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    withdraw.mutate(reason, { onSuccess: () => dialogRef.current?.close() });
  }

  return (
    <Dialog title="Retirer l’alerte" onClose={onClose} dialogRef={dialogRef}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <p>
          {alert.status === 'en_diffusion'
            ? 'La diffusion s’arrête : les courriels pas encore envoyés ne le seront pas. L’alerte disparaît de la page publique.'
            : alert.status === 'diffusee'
              ? 'L’alerte disparaît de la page publique. Les courriels déjà envoyés ne peuvent pas être repris.'
              : 'L’alerte ne sera jamais diffusée.'}
        </p>
        <FormError errors={errors} idPrefix="retrait" />
        <AuditReasonField idPrefix="retrait" error={errors?.fields.reason} />
        <FormActions submitLabel="Retirer l’alerte" danger pending={withdraw.isPending} onCancel={() => dialogRef.current?.close()} />
      </form>
    </Dialog>
  );
}

import { useRef } from 'react';
import type { FormEvent } from 'react';
import type { TriageTargetStatus } from '../../../../contracts/triage.schemas.js';
import type { ReportStatus } from '../../../../contracts/report-vocabulary.js';
import { AuditReasonField } from '../../components/AuditReasonField.js';
import { Dialog } from '../../components/Dialog.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { StaleVersionAction } from './StaleVersionAction.js';
import { useStatusChange } from './triage.api.js';

const ID = 'statut';

/** The button label of a move, which depends on where the report stands. */
export function statusActionLabel(from: ReportStatus, to: TriageTargetStatus): string {
  if (to === 'qualifie') return 'Qualifier';
  if (to === 'classe_sans_suite') return 'Classer sans suite';
  return from === 'nouveau' ? 'Prendre en charge' : 'Rouvrir';
}

function explanation(from: ReportStatus, to: TriageTargetStatus): string {
  if (to === 'qualifie') return 'Le signalement sera marqué comme une tentative de fraude avérée. Vous pourrez le rouvrir en indiquant pourquoi.';
  if (to === 'classe_sans_suite') return "Le signalement sera clos sans suite. Le motif est conservé dans les notes et dans le journal d'audit.";
  return from === 'nouveau'
    ? 'Le signalement passera « en cours » de traitement.'
    : "Le signalement repassera « en cours ». Le motif de la réouverture est conservé dans les notes et dans le journal d'audit.";
}

function doneMessage(from: ReportStatus, to: TriageTargetStatus): string {
  if (to === 'qualifie') return 'Le signalement est qualifié.';
  if (to === 'classe_sans_suite') return 'Le signalement est classé sans suite.';
  return from === 'nouveau' ? 'Le signalement est pris en charge.' : 'Le signalement est rouvert.';
}

/** Confirms a change of status, with the written reason the move requires (classing, reopening). */
export function StatusDialog({ reportId, version, from, target, onDone, onReload, onClose }: {
  reportId: string;
  version: number;
  from: ReportStatus;
  target: { status: TriageTargetStatus; reasonRequired: boolean };
  onDone: (message: string) => void;
  onReload: () => void;
  onClose: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const change = useStatusChange(reportId);
  const errors = toFormErrors(change.error);
  const label = statusActionLabel(from, target.status);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    change.mutate(
      { status: target.status, version, ...(target.reasonRequired ? { reason } : {}) },
      {
        onSuccess: () => {
          onDone(doneMessage(from, target.status));
          dialogRef.current?.close();
        },
      },
    );
  }

  return (
    <Dialog title={label} onClose={onClose} dialogRef={dialogRef}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <p>{explanation(from, target.status)}</p>
        <FormError errors={errors} idPrefix={ID} />
        <StaleVersionAction
          error={change.error}
          onReload={() => {
            onReload();
            dialogRef.current?.close();
          }}
        />
        {target.reasonRequired ? <AuditReasonField idPrefix={ID} error={errors?.fields.reason} /> : null}
        <FormActions
          submitLabel={label}
          danger={target.status === 'classe_sans_suite'}
          pending={change.isPending}
          onCancel={() => dialogRef.current?.close()}
        />
      </form>
    </Dialog>
  );
}

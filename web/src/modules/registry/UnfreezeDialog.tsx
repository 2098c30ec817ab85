import { useRef } from 'react';
import type { FormEvent } from 'react';
import type { TDoctorRecord } from '../../../../contracts/registry.schemas.js';
import { AuditReasonField } from '../../components/AuditReasonField.js';
import { Dialog } from '../../components/Dialog.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useUnfreeze } from './registry.api.js';

const ID = 'lever-le-gel';

/** Lifts the freeze once the council has reached the doctor; the reason goes to the audit log. */
export function UnfreezeDialog({ doctor, onDone, onClose }: {
  doctor: TDoctorRecord;
  onDone: () => void;
  onClose: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const unfreeze = useUnfreeze(doctor.id);
  const errors = toFormErrors(unfreeze.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    unfreeze.mutate(
      { reason },
      {
        onSuccess: () => {
          onDone();
          dialogRef.current?.close();
        },
      },
    );
  }

  return (
    <Dialog title="Lever le gel de la fiche" onClose={onClose} dialogRef={dialogRef}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <p>
          Ne levez le gel qu'après avoir joint {doctor.displayName} par ses coordonnées antérieures à la modification
          contestée, ou l'avoir reçu en personne avec son titre d'identité.
        </p>
        <FormError errors={errors} idPrefix={ID} />
        <AuditReasonField idPrefix={ID} error={errors?.fields.reason} />
        <FormActions submitLabel="Lever le gel" pending={unfreeze.isPending} onCancel={() => dialogRef.current?.close()} />
      </form>
    </Dialog>
  );
}

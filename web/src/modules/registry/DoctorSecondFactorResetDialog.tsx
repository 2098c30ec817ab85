import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { TDoctorRecord } from '../../../../contracts/registry.schemas.js';
import { Dialog } from '../../components/Dialog.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { toFormErrors } from '../../lib/form-errors.js';
import type { FormErrors } from '../../lib/form-errors.js';
import { useDoctorSecondFactorReset } from './registry.api.js';
import { IdentityCheckFields, identityCheckProblems, readIdentityCheck } from './IdentityCheckFields.js';

const ID = 'reinitialiser-2fa-medecin';

/** A doctor who lost their phone gets the second factor reset only here, in person, after the identity check. */
export function DoctorSecondFactorResetDialog({ doctor, onDone, onClose }: {
  doctor: TDoctorRecord;
  onDone: () => void;
  onClose: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const reset = useDoctorSecondFactorReset(doctor.id);
  const [local, setLocal] = useState<FormErrors | null>(null);
  const errors = local ?? toFormErrors(reset.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = readIdentityCheck(new FormData(event.currentTarget));
    const problems = identityCheckProblems(body);
    setLocal(problems);
    if (problems) return;
    reset.mutate(body, {
      onSuccess: () => {
        onDone();
        dialogRef.current?.close();
      },
    });
  }

  return (
    <Dialog title="Réinitialiser la double authentification (en présence)" onClose={onClose} dialogRef={dialogRef}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <p>
          La double authentification de {doctor.displayName} sera supprimée et ses sessions fermées ; l'adresse de son
          compte en sera informée. Ne le faites jamais à la demande d'un appel ou d'un courriel : les fraudeurs se
          font passer pour un médecin ayant perdu son téléphone.
        </p>
        <FormError errors={errors} idPrefix={ID} />
        <IdentityCheckFields idPrefix={ID} errors={errors?.fields ?? {}} />
        <FormActions
          submitLabel="Vérifier et réinitialiser"
          pending={reset.isPending}
          danger
          onCancel={() => dialogRef.current?.close()}
        />
      </form>
    </Dialog>
  );
}

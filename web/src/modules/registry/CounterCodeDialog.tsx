import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { TDoctorRecord } from '../../../../contracts/registry.schemas.js';
import { Dialog } from '../../components/Dialog.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { FocusedHeading } from '../../components/FocusedHeading.js';
import { toFormErrors } from '../../lib/form-errors.js';
import type { FormErrors } from '../../lib/form-errors.js';
import { formatDateTime } from '../../lib/format.js';
import { useCounterCode } from './registry.api.js';
import { IdentityCheckFields, identityCheckProblems, readIdentityCheck } from './IdentityCheckFields.js';

const ID = 'code-guichet';

/** At the counter, after the identity check: a one-time activation code, shown once, to hand over. */
export function CounterCodeDialog({ doctor, onClose }: { doctor: TDoctorRecord; onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const issue = useCounterCode(doctor.id);
  const [local, setLocal] = useState<FormErrors | null>(null);
  const errors = local ?? toFormErrors(issue.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = readIdentityCheck(new FormData(event.currentTarget));
    const problems = identityCheckProblems(body);
    setLocal(problems);
    if (problems) return;
    issue.mutate(body);
  }

  return (
    <Dialog title="Remettre un code d'activation au guichet" onClose={onClose} dialogRef={dialogRef}>
      {issue.data ? (
        <div>
          <FocusedHeading>Code d'activation de {doctor.displayName}</FocusedHeading>
          <p className="handover-code">
            <code>{issue.data.code}</code>
          </p>
          <p>
            Remettez ce code au médecin : il n'est affiché qu'une fois. Il le saisit avec son numéro RPPS sur la page
            « Activer mon compte » de Vigie, avant le {formatDateTime(issue.data.expiresAt)}.
          </p>
          <button type="button" className="button" onClick={() => dialogRef.current?.close()}>
            J'ai remis le code
          </button>
        </div>
      ) : (
        <form className="form" noValidate onSubmit={onSubmit}>
          <p>Le code n'est remis qu'au médecin présent, après vérification de son passeport ou de sa carte nationale d'identité.</p>
          <FormError errors={errors} idPrefix={ID} />
          <IdentityCheckFields idPrefix={ID} errors={errors?.fields ?? {}} />
          <FormActions submitLabel="Vérifier et afficher le code" pending={issue.isPending} onCancel={() => dialogRef.current?.close()} />
        </form>
      )}
    </Dialog>
  );
}

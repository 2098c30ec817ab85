import { useRef } from 'react';
import type { FormEvent } from 'react';
import type { TUserView } from '../../../../contracts/admin-users.schemas.js';
import { AuditReasonField } from '../../components/AuditReasonField.js';
import { Dialog } from '../../components/Dialog.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useSecondFactorReset } from './admin-users.api.js';

const ID = 'reinitialiser-2fa';

/** Resets someone's second factor (lost phone); the reason is kept in the audit log. */
export function SecondFactorResetDialog({ user, onDone, onClose }: {
  user: TUserView;
  onDone: (user: TUserView) => void;
  onClose: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const reset = useSecondFactorReset(user.id);
  const errors = toFormErrors(reset.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    reset.mutate(
      { reason },
      {
        onSuccess: () => {
          onDone(user);
          dialogRef.current?.close();
        },
      },
    );
  }

  return (
    <Dialog title="Réinitialiser la double authentification" onClose={onClose} dialogRef={dialogRef}>
      <form className="form" noValidate onSubmit={onSubmit}>
        <p>
          La double authentification de <strong>{user.displayName}</strong> ({user.email}) sera supprimée, ainsi que
          ses codes de secours. À sa prochaine connexion, la personne devra la configurer de nouveau si son rôle l'exige.
        </p>
        <p>Vérifiez l'identité de la personne avant toute réinitialisation : les fraudeurs se font souvent passer pour un médecin ayant perdu son téléphone.</p>
        <FormError errors={errors} idPrefix={ID} />
        <AuditReasonField idPrefix={ID} error={errors?.fields.reason} />
        <FormActions
          submitLabel="Réinitialiser"
          pending={reset.isPending}
          danger
          onCancel={() => dialogRef.current?.close()}
        />
      </form>
    </Dialog>
  );
}

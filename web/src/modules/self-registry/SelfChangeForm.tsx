import { useState } from 'react';
import type { FormEvent } from 'react';
import type { TOwnChangeRequest, TDoctorRecord } from '../../../../contracts/registry.schemas.js';
import { FocusedHeading } from '../../components/FocusedHeading.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { ApiError } from '../../lib/api.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { formatDateTime } from '../../lib/format.js';
import { ContactFields, readContactChanges, unnestFieldErrors } from '../../components/registry/ContactFields.js';
import { useSelfContactChange } from './self-registry.api.js';
import type { SelfChanges, StepUpGrant } from './self-registry.api.js';

const ID = 'mes-coordonnees';

/** Step 2: the new correspondence details; a new email or phone is confirmed by a code sent to it. */
export function SelfChangeForm({ doctor, grant, onSaved, onExpired }: {
  doctor: TDoctorRecord;
  grant: StepUpGrant;
  onSaved: (request: TOwnChangeRequest) => void;
  onExpired: () => void;
}) {
  const change = useSelfContactChange();
  const [noChange, setNoChange] = useState(false);
  const serverErrors = toFormErrors(change.error);
  const errors = noChange
    ? { message: 'Vous n’avez modifié aucune coordonnée.', fields: {} }
    : serverErrors && { ...serverErrors, fields: unnestFieldErrors(serverErrors.fields) };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const changes = readContactChanges(new FormData(event.currentTarget), doctor, ['corr'], false) as SelfChanges;
    if (Object.keys(changes).length === 0) {
      setNoChange(true);
      return;
    }
    setNoChange(false);
    change.mutate(
      { stepUpToken: grant.stepUpToken, changes },
      {
        onSuccess: onSaved,
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'STEP_UP_REQUIRED') onExpired();
        },
      },
    );
  }

  return (
    <form className="form subform" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
      <FocusedHeading id={`${ID}-titre`}>Vos nouvelles coordonnées de correspondance</FocusedHeading>
      <p className="hint">
        Identité confirmée. Cette confirmation expire dans 5 minutes, à {formatDateTime(grant.expiresAt)}, et ne sert
        qu'une fois.
      </p>
      <p>
        Modifiez seulement ce qui change. Un code sera envoyé à toute nouvelle adresse électronique ou nouveau numéro de
        téléphone, et vos anciennes coordonnées seront prévenues.
      </p>
      <FormError errors={errors} idPrefix={ID} />
      <ContactFields idPrefix={ID} block="corr" current={doctor.corr} errors={errors?.fields ?? {}} own />
      <FormActions submitLabel="Enregistrer mes nouvelles coordonnées" pending={change.isPending} />
    </form>
  );
}

import { useState } from 'react';
import type { FormEvent } from 'react';
import { FAMILY_LABELS } from '../../../../analysis/messages/families.js';
import { WATCH_KINDS, WATCH_KIND_LABELS } from '../../../../contracts/watchlists.schemas.js';
import type { WatchKind } from '../../../../contracts/watchlists.schemas.js';
import { SelectField, TextField } from '../../components/fields.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { DepartementOptions } from '../../components/DepartementOptions.js';
import { useAddWatch } from './watchlists.api.js';
import { LabelledOptions } from '../../components/filters.js';

const ID = 'veille';

/** Adds one value to follow; the value field changes with what is followed. */
export function WatchForm({ ownDepartement, onSubmit: onStart, onAdded }: {
  ownDepartement: string | null;
  /** Called as the form is sent, so the page can clear an earlier message. */
  onSubmit: () => void;
  onAdded: (label: string) => void;
}) {
  const [kind, setKind] = useState<WatchKind>('phone');
  const add = useAddWatch();
  const errors = toFormErrors(add.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const value = String(new FormData(form).get('value') ?? '');
    onStart();
    add.mutate(
      { kind, value },
      {
        onSuccess: (watch) => {
          form.reset();
          onAdded(watch.label);
        },
      },
    );
  }

  return (
    <form className="form card" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
      <h2 id={`${ID}-titre`}>Suivre un nouvel élément</h2>
      <FormError errors={errors} idPrefix={ID} />
      <SelectField idPrefix={ID} name="kind" label="Type d’élément à suivre" value={kind} onChange={(e) => setKind(e.currentTarget.value as WatchKind)} error={errors?.fields.kind}>
        <LabelledOptions values={WATCH_KINDS} labels={WATCH_KIND_LABELS} />
      </SelectField>
      {kind === 'phone' ? (
        <TextField key="phone" idPrefix={ID} name="value" label="Numéro de téléphone" type="tel" autoComplete="off" required hint="Par exemple 06 12 34 56 78 ou +33 6 12 34 56 78." error={errors?.fields.value} />
      ) : kind === 'domain' ? (
        <TextField key="domain" idPrefix={ID} name="value" label="Nom de domaine" autoComplete="off" required hint="Par exemple ameli-remboursement.fr ; une adresse web ou électronique suffit, Vigie en garde le domaine." error={errors?.fields.value} />
      ) : kind === 'departement' ? (
        <SelectField key="departement" idPrefix={ID} name="value" label="Département" required defaultValue={ownDepartement ?? ''} error={errors?.fields.value}
          hint={ownDepartement ? 'Votre compte est départemental : vous suivez les signalements de votre département.' : undefined}>
          {ownDepartement ? (
            <option value={ownDepartement}>{ownDepartement}</option>
          ) : (
            <>
              <option value="">Choisir un département</option>
              <DepartementOptions />
            </>
          )}
        </SelectField>
      ) : (
        <SelectField key="family" idPrefix={ID} name="value" label="Famille d'escroquerie" required defaultValue="" error={errors?.fields.value}>
          <option value="">Choisir une famille</option>
          {Object.entries(FAMILY_LABELS).map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </SelectField>
      )}
      <FormActions submitLabel="Suivre" pending={add.isPending} />
    </form>
  );
}

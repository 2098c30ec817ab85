import { useState } from 'react';
import type { FormEvent } from 'react';
import type { TEntraideCaseDetail } from '../../../../contracts/entraide.schemas.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { TextAreaField } from '../../components/fields.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useCloseCase, useReopenCase } from './entraide-commission.api.js';

/** Closure of an open case, or reopening of a closed one: support is not limited in time. */
export function StatusChangeForm({ detail, onDone }: { detail: TEntraideCaseDetail; onDone: (message: string) => void }) {
  const closing = detail.status !== 'clos';
  const close = useCloseCase(detail.id);
  const reopen = useReopenCase(detail.id);
  const change = closing ? close : reopen;
  const [formKey, setFormKey] = useState(0);
  const id = closing ? 'cloture' : 'reouverture';
  const errors = toFormErrors(change.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get('text') ?? '').trim();
    change.mutate(
      { text },
      {
        onSuccess: () => {
          setFormKey((k) => k + 1);
          onDone(closing ? 'Le dossier est clos.' : 'Le dossier est rouvert.');
        },
      },
    );
  }

  return (
    <section className="section" aria-labelledby={`${id}-titre`}>
      <h2 id={`${id}-titre`}>{closing ? 'Clore le dossier' : 'Rouvrir le dossier'}</h2>
      <p>
        {closing
          ? "Un dossier clos n'est plus modifiable ; il est supprimé, avec tout ce qui s'y rattache, à la fin de la durée de conservation fixée par l'Ordre. Il peut être rouvert d'ici là."
          : "L'accompagnement n'est pas limité dans le temps : la personne peut revenir vers la commission à tout moment."}
      </p>
      <form key={`${id}-${formKey}`} className="form" noValidate onSubmit={onSubmit} aria-labelledby={`${id}-titre`}>
        <FormError errors={errors} idPrefix={id} />
        <TextAreaField
          idPrefix={id}
          name="text"
          label={closing ? 'Motif de la clôture' : 'Motif de la réouverture'}
          required
          maxLength={10_000}
          hint="Inscrit au journal du dossier."
          error={errors?.fields.text}
        />
        <FormActions submitLabel={closing ? 'Clore le dossier' : 'Rouvrir le dossier'} danger={closing} pending={change.isPending} />
      </form>
    </section>
  );
}

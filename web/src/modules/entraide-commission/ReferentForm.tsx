import type { FormEvent } from 'react';
import type { TEntraideCaseDetail } from '../../../../contracts/entraide.schemas.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { SelectField } from '../../components/fields.js';
import { Loading } from '../../components/Page.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useAssignReferent, useMembers } from './entraide-commission.api.js';

const ID = 'referent';

/** The referent: a member of the case's CDE in office today, or nobody. */
export function ReferentForm({ detail, onDone }: { detail: TEntraideCaseDetail; onDone: (message: string) => void }) {
  const members = useMembers(detail.departement);
  const assign = useAssignReferent(detail.id);
  const errors = toFormErrors(assign.error) ?? toFormErrors(members.error);
  const current = members.data?.members.find((m) => m.name === detail.referentName);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const referentId = String(new FormData(event.currentTarget).get('referentId') ?? '');
    assign.mutate(
      { referentId: referentId || null },
      { onSuccess: (next) => onDone(next.referentName ? `${next.referentName} est le référent du dossier.` : "Le dossier n'a plus de référent.") },
    );
  }

  return (
    <section className="section" aria-labelledby={`${ID}-titre`}>
      <h2 id={`${ID}-titre`}>Référent</h2>
      <p>
        Référent actuel : <strong>{detail.referentName ?? 'aucun'}</strong>. Le référent suit la personne au nom de la commission
        départementale ; il en est membre en exercice.
      </p>
      {members.isPending ? <Loading label="Chargement des membres de la commission…" /> : null}
      {members.data ? (
        <form key={current?.userId ?? 'aucun'} className="form" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
          <FormError errors={errors} idPrefix={ID} />
          <SelectField idPrefix={ID} name="referentId" label="Choisir le référent" defaultValue={current?.userId ?? ''} error={errors?.fields.referentId}>
            <option value="">Aucun référent</option>
            {members.data.members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
                {m.role === 'president' ? ' (président·e)' : ''}
              </option>
            ))}
          </SelectField>
          <FormActions submitLabel="Enregistrer le référent" pending={assign.isPending} />
        </form>
      ) : members.isError ? (
        <FormError errors={errors} idPrefix={ID} />
      ) : null}
    </section>
  );
}

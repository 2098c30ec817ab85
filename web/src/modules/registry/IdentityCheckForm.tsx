import { useState } from 'react';
import type { FormEvent } from 'react';
import type { TChangeRequestView } from '../../../../contracts/registry.schemas.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { Notice } from '../../components/Notice.js';
import { toFormErrors } from '../../lib/form-errors.js';
import type { FormErrors } from '../../lib/form-errors.js';
import { useIdentityCheck } from './registry.api.js';
import { IdentityCheckFields, identityCheckProblems, readIdentityCheck } from './IdentityCheckFields.js';
import type { Outcome } from './IdentityCheckFields.js';

const ID = 'verification';

/** The only way an agent completes a request: the doctor is here, with a passport or national identity card. */
export function IdentityCheckForm({ request, onDone }: {
  request: TChangeRequestView;
  onDone: (result: TChangeRequestView) => void;
}) {
  const check = useIdentityCheck(request.id);
  const [outcome, setOutcome] = useState<Outcome>('conforme');
  const [local, setLocal] = useState<FormErrors | null>(null);
  const errors = local ?? toFormErrors(check.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = readIdentityCheck(new FormData(event.currentTarget));
    const problems = identityCheckProblems(body);
    setLocal(problems);
    if (!problems) check.mutate(body, { onSuccess: onDone });
  }

  return (
    <form className="form card" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
      <h2 id={`${ID}-titre`}>Vérification d'identité en présence du médecin</h2>
      <p>
        Demandez l'original du passeport ou de la carte nationale d'identité. Une photocopie, une photo ou un appel ne
        suffisent pas. Saisissez ou scannez sa bande MRZ : Vigie vérifie ses clés de contrôle, son expiration, et la
        compare au nom, aux prénoms et à la date de naissance de la fiche.
      </p>
      <FormError errors={errors} idPrefix={ID} />
      <IdentityCheckFields idPrefix={ID} errors={errors?.fields ?? {}} withOutcome onOutcomeChange={setOutcome} />
      {outcome === 'fraude_suspectee' ? (
        <Notice tone="warning" title="Signaler une tentative de fraude">
          <p>
            La demande sera gelée et le référent sécurité de votre conseil alerté. Ne modifiez rien et ne prévenez pas la
            personne présente.
          </p>
        </Notice>
      ) : null}
      <FormActions submitLabel="Enregistrer la vérification" pending={check.isPending} danger={outcome === 'fraude_suspectee'} />
    </form>
  );
}

import type { FormEvent } from 'react';
import { DPC_SIGNALEMENT_LIMITS } from '../../../../contracts/dpc-signalements.schemas.js';
import type { TDpcSignalementDetail } from '../../../../contracts/dpc-workflow.schemas.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { TextAreaField, TextField } from '../../components/fields.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useCloseContradictory, useInvite } from './dpc-workflow.api.js';

const ID = 'contradictoire';

const day = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('fr-FR', { dateStyle: 'long' });

/**
 * The contradictory step: invite the reported organisation to answer, in the agent's own words (never
 * the reporter's text), or close the open invitation. Earlier invitations and their answers are listed.
 */
export function ContradictorySection({ detail, onDone }: { detail: TDpcSignalementDetail; onDone: (message: string) => void }) {
  const invite = useInvite(detail.id);
  const close = useCloseContradictory(detail.id);
  const errors = toFormErrors(invite.error) ?? toFormErrors(close.error);
  const contact = detail.organisation?.contactEmail ?? null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const recipientEmail = String(form.get('recipientEmail') ?? '').trim();
    const dueOn = String(form.get('dueOn') ?? '');
    invite.mutate(
      { version: detail.version, statement: String(form.get('statement') ?? ''), ...(recipientEmail ? { recipientEmail } : {}), ...(dueOn ? { dueOn } : {}) },
      { onSuccess: () => onDone('L’organisme est invité à présenter ses observations.') },
    );
  }

  if (!detail.can.invite && !detail.can.closeContradictory && detail.invitations.length === 0) return null;
  return (
    <section className="section" aria-labelledby={`${ID}-titre`}>
      <h2 id={`${ID}-titre`}>Contradictoire avec l’organisme</h2>
      <FormError errors={errors} idPrefix={ID} />
      {detail.invitations.length > 0 ? (
        <ol className="timeline">
          {detail.invitations.map((i) => (
            <li key={i.id}>
              <p>
                Invitation adressée à {i.recipientEmail}, réponse attendue avant le {day(i.dueOn)} —{' '}
                <strong>{i.answeredAt ? 'réponse reçue' : i.closedAt ? 'close sans réponse' : 'en attente de réponse'}</strong>
              </p>
              <p className="triage-text">{i.statement}</p>
              {i.answer ? (
                <blockquote className="triage-text" aria-label="Réponse de l’organisme">
                  {i.answer}
                </blockquote>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      {detail.can.closeContradictory ? (
        <button type="button" className="button button--secondary" disabled={close.isPending} onClick={() => close.mutate({ version: detail.version }, { onSuccess: () => onDone('Le contradictoire est clos sans réponse.') })}>
          Clore le contradictoire sans réponse
        </button>
      ) : null}
      {detail.can.invite ? (
        <form className="form" noValidate onSubmit={onSubmit} aria-label="Inviter l’organisme à répondre">
          <TextAreaField
            idPrefix={ID}
            name="statement"
            label="Ce qui est demandé à l’organisme"
            hint="Rédigez ce texte pour l’organisme : il ne doit ni reprendre le récit de l’auteur ni permettre de l’identifier."
            required
            rows={6}
            maxLength={DPC_SIGNALEMENT_LIMITS.statement}
            error={errors?.fields.statement}
          />
          <TextField
            idPrefix={ID}
            name="recipientEmail"
            type="email"
            label="Adresse de l’organisme"
            hint={contact ? `Par défaut, l’adresse du catalogue : ${contact}.` : 'L’organisme n’a pas d’adresse au catalogue : saisissez-la.'}
            error={errors?.fields.recipientEmail}
          />
          <TextField idPrefix={ID} name="dueOn" type="date" label="Réponse attendue avant le" hint={`Par défaut, dans ${DPC_SIGNALEMENT_LIMITS.contradictoryDays} jours.`} error={errors?.fields.dueOn} />
          <FormActions submitLabel="Inviter l’organisme à répondre" pending={invite.isPending} />
        </form>
      ) : null}
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { DPC_SIGNALEMENT_LIMITS } from '../../../../contracts/dpc-signalements.schemas.js';
import { FocusedHeading } from '../../components/FocusedHeading.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { TextAreaField } from '../../components/fields.js';
import { Notice } from '../../components/Notice.js';
import { Loading, Page } from '../../components/Page.js';
import { toFormErrors } from '../../lib/form-errors.js';
import { useAnswerInvitation, useInvitation } from './dpc-workflow.api.js';
import { Detail, Details } from '../../components/Details.js';

const ID = 'reponse';
const day = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('fr-FR', { dateStyle: 'long' });

/**
 * The reported organisation's page (public): it reads the token from the link's fragment — never sent
 * to a server's logs nor in a Referer — shows what the council asks, and takes one answer.
 */
export function ContradictoryAnswerPage() {
  const [token] = useState(() => window.location.hash.replace(/^#/, ''));
  const invitation = useInvitation(token);
  const answer = useAnswerInvitation(token);
  const [local, setLocal] = useState<string | null>(null);
  const errors = local ? { message: local, fields: { answer: local } } : toFormErrors(answer.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get('answer') ?? '').trim();
    if (!text) {
      setLocal('Écrivez votre réponse avant de l’envoyer.');
      return;
    }
    setLocal(null);
    answer.mutate(text);
  }

  const view = invitation.data;
  return (
    <Page title="Demande d’observations de l’Ordre des médecins">
      {token === '' ? (
        <Notice tone="warning" title="Lien incomplet">
          <p>Ouvrez cette page avec le lien complet reçu par courriel.</p>
        </Notice>
      ) : null}
      {invitation.isPending && token !== '' ? <Loading /> : null}
      {invitation.isError ? <FormError errors={toFormErrors(invitation.error)} idPrefix="invitation" /> : null}
      {view ? (
        <>
          <Details>
            <Detail label="Référence">{view.reference}</Detail>
            <Detail label="Objet">{view.subjectLabel}</Detail>
            <Detail label="Réponse attendue avant le">{day(view.dueOn)}</Detail>
          </Details>
          <section className="section" aria-labelledby="invitation-texte">
            <h2 id="invitation-texte">Ce que le conseil vous demande</h2>
            <p className="triage-text">{view.statement}</p>
          </section>
          {answer.isSuccess ? (
            <div className="card" role="status">
              <FocusedHeading>Réponse envoyée</FocusedHeading>
              <p>Votre réponse au signalement {answer.data.reference} a été transmise au conseil de l’Ordre. Ce lien ne peut plus servir.</p>
            </div>
          ) : view.state === 'repondu' ? (
            <Notice title="Réponse déjà reçue">
              <p>Une réponse a déjà été envoyée par ce lien : elle a été transmise au conseil.</p>
            </Notice>
          ) : view.state === 'clos' ? (
            <Notice tone="warning" title="Demande close">
              <p>Cette demande d’observations est close : elle ne reçoit plus de réponse. Contactez le conseil de l’Ordre si nécessaire.</p>
            </Notice>
          ) : (
            <form className="form" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
              <h2 id={`${ID}-titre`}>Votre réponse</h2>
              <FormError errors={errors} idPrefix={ID} />
              <TextAreaField
                idPrefix={ID}
                name="answer"
                label="Vos observations"
                hint="Vous ne pouvez répondre qu’une fois : joignez tous les éléments utiles dans ce texte."
                required
                rows={10}
                maxLength={DPC_SIGNALEMENT_LIMITS.answer}
                error={errors?.fields.answer}
              />
              <FormActions submitLabel="Envoyer la réponse" pending={answer.isPending} />
            </form>
          )}
        </>
      ) : null}
    </Page>
  );
}

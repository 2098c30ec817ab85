import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import {
  ENTRAIDE_BENEFICIARY_LABELS,
  ENTRAIDE_CONTACT_MEANS_LABELS,
  MIN_REVEAL_REASON_CHARS,
  type TEntraideIdentity,
} from '../../../../contracts/entraide.schemas.js';
import { FocusedHeading } from '../../components/FocusedHeading.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { TextAreaField } from '../../components/fields.js';
import { toFormErrors, type FormErrors } from '../../lib/form-errors.js';
import { revealIdentity } from './entraide-commission.api.js';
import { Detail, Details } from '../../components/Details.js';

const ID = 'reveler';
const REASON_MESSAGE = `Indiquez pourquoi vous consultez l'identité (${MIN_REVEAL_REASON_CHARS} caractères au moins).`;

/**
 * « Révéler l'identité »: asks why, then shows who the person is. The identity lives in this component's
 * state only — never in the query cache — so it is gone as soon as the member leaves the case, hides it,
 * or opens another case (the page is keyed by the case).
 */
export function IdentityReveal({ caseId, unavailable }: {
  caseId: string;
  /** Why the member may not reveal (a CNE member without the person's consent), or null. */
  unavailable: string | null;
}) {
  const [asking, setAsking] = useState(false);
  const [identity, setIdentity] = useState<TEntraideIdentity | null>(null);
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [pending, setPending] = useState(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      // An answer arriving after the member left is dropped, never kept.
      mounted.current = false;
    };
  }, []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    if (reason.length < MIN_REVEAL_REASON_CHARS) {
      setErrors({ message: "Le motif de la consultation est obligatoire.", fields: { reason: REASON_MESSAGE } });
      return;
    }
    setErrors(null);
    setPending(true);
    try {
      const revealed = await revealIdentity(caseId, reason);
      if (!mounted.current) return;
      setIdentity(revealed);
      setAsking(false);
    } catch (error) {
      if (mounted.current) setErrors(toFormErrors(error));
    } finally {
      if (mounted.current) setPending(false);
    }
  }

  return (
    <section className="section" aria-labelledby="dossier-identite">
      <h2 id="dossier-identite">Identité de la personne</h2>
      {identity ? (
        <IdentityDetails identity={identity} onHide={() => setIdentity(null)} />
      ) : unavailable ? (
        <p>{unavailable}</p>
      ) : (
        <>
          <p>
            L'identité n'est pas affichée. Ne la consultez que si le suivi du dossier l'exige :{' '}
            <strong>chaque consultation est tracée</strong> dans le journal d'audit, avec son motif, votre nom et l'heure.
          </p>
          {asking ? (
            <form className="form card" noValidate onSubmit={(event) => void onSubmit(event)} aria-labelledby={`${ID}-titre`}>
              <FocusedHeading id={`${ID}-titre`}>Révéler l'identité</FocusedHeading>
              <FormError errors={errors} idPrefix={ID} />
              <TextAreaField
                idPrefix={ID}
                name="reason"
                label="Motif de la consultation"
                required
                minLength={MIN_REVEAL_REASON_CHARS}
                maxLength={500}
                hint={`${MIN_REVEAL_REASON_CHARS} caractères au moins, par exemple « Rappeler la personne après l'entretien du 12 mars ». Chaque consultation est tracée : le motif est enregistré dans le journal d'audit.`}
                error={errors?.fields.reason}
              />
              <FormActions
                submitLabel="Révéler l'identité"
                pending={pending}
                onCancel={() => {
                  setAsking(false);
                  setErrors(null);
                }}
              />
            </form>
          ) : (
            <button type="button" className="button" onClick={() => setAsking(true)}>
              Révéler l'identité
            </button>
          )}
        </>
      )}
    </section>
  );
}

function IdentityDetails({ identity, onHide }: { identity: TEntraideIdentity; onHide: () => void }) {
  const { beneficiary, requester, contact } = identity;
  return (
    <div className="card">
      <FocusedHeading>Identité révélée</FocusedHeading>
      <p className="audit-note">Consultation enregistrée dans le journal d'audit. L'identité disparaît de l'écran dès que vous quittez ce dossier.</p>
      <Details>
        <Detail label="Personne aidée">
          {beneficiary.firstName} {beneficiary.lastName} — {ENTRAIDE_BENEFICIARY_LABELS[beneficiary.kind]}
        </Detail>
        {beneficiary.rpps ? <Detail label="Numéro RPPS">{beneficiary.rpps}</Detail> : null}
        {requester ? (
          <Detail label="Demande faite par">
            {requester.firstName} {requester.lastName} ({requester.relation})
          </Detail>
        ) : null}
        <Detail label="Contact souhaité">
          {ENTRAIDE_CONTACT_MEANS_LABELS[contact.means]}
          {contact.consent ? '' : ' — la personne ne souhaite pas être contactée la première'}
        </Detail>
        {contact.phone ? <Detail label="Téléphone">{contact.phone}</Detail> : null}
        {contact.email ? <Detail label="Courriel">{contact.email}</Detail> : null}
        {contact.address ? <Detail label="Adresse">{contact.address}</Detail> : null}
        <Detail label="Message de la demande" className="triage-text">{identity.message || <span className="muted">Aucun message.</span>}</Detail>
      </Details>
      <button type="button" className="button button--secondary" onClick={onHide}>
        Masquer l'identité
      </button>
    </div>
  );
}

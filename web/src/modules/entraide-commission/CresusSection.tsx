import { useState } from 'react';
import type { FormEvent } from 'react';
import {
  CRESUS_ACTION_LABELS,
  CRESUS_ACTIONS,
  CRESUS_REFERRAL_STATUS_LABELS,
  CRESUS_REFERRAL_STATUSES,
  type CresusAction,
  type CresusReferralStatus,
  type TCresusReferralView,
} from '../../../../contracts/entraide.schemas.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields.js';
import { Loading } from '../../components/Page.js';
import { toFormErrors, type FormErrors } from '../../lib/form-errors.js';
import { formatDateTime } from '../../lib/format.js';
import { useCresus, useRecordCresusAction, useReferToCresus } from './entraide-commission.api.js';
import { naturesText } from './labels.js';
import { formatDay, formatEuros, parisToday } from './money.js';
import { LabelledOptions } from '../../components/filters.js';
import { Detail, Details } from '../../components/Details.js';

const ID = 'cresus';

/**
 * The referral to Crésus (CNE): the person's consent first, then only the contact details they agreed to
 * hand over; afterwards, exactly what was shared and what Crésus did.
 */
export function CresusSection({ caseId, identityVisibleToCne, canRefer, closed, onDone }: {
  caseId: string;
  identityVisibleToCne: boolean;
  /** The CNE refers and records Crésus' actions; the CDE reads them. */
  canRefer: boolean;
  closed: boolean;
  onDone: (message: string) => void;
}) {
  const cresus = useCresus(caseId, true);
  const referral = cresus.data?.referral;
  return (
    <section className="section" aria-labelledby={`${ID}-titre`}>
      <h2 id={`${ID}-titre`}>Orientation vers Crésus</h2>
      <p>
        En cas de grave difficulté financière, et avant le surendettement, la commission nationale prescrit un accompagnement par
        l'association Crésus, pris en charge par l'Ordre et gratuit pour le médecin. Crésus fait le bilan de la situation, rétablit
        le contact avec les créanciers et propose des solutions ; l'accompagnement n'est pas limité dans le temps.
      </p>
      {cresus.isPending ? <Loading /> : null}
      {cresus.isError ? <FormError errors={toFormErrors(cresus.error)} idPrefix={ID} /> : null}
      {cresus.data ? (
        referral ? (
          <>
            <ReferralSummary referral={referral} />
            {canRefer && !closed ? <CresusActionForm caseId={caseId} status={referral.status} onDone={onDone} /> : null}
          </>
        ) : !canRefer ? (
          <p>Ce dossier n'est pas orienté vers Crésus. L'orientation est prescrite par la commission nationale.</p>
        ) : closed ? (
          <p>Ce dossier est clos : rouvrez-le avant de l'orienter vers Crésus.</p>
        ) : !identityVisibleToCne ? (
          <p>
            L'orientation vers Crésus n'est pas possible : Crésus contacte la personne par son nom, et la personne n'a pas consenti à
            ce que la commission nationale connaisse son identité. La commission départementale doit d'abord recueillir ce
            consentement.
          </p>
        ) : (
          <ReferralForm caseId={caseId} onDone={onDone} />
        )
      ) : null}
    </section>
  );
}

function ReferralForm({ caseId, onDone }: { caseId: string; onDone: (message: string) => void }) {
  const refer = useReferToCresus(caseId);
  const [localErrors, setLocalErrors] = useState<FormErrors | null>(null);
  const errors = localErrors ?? toFormErrors(refer.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (form.get('consent') !== 'on') {
      setLocalErrors({ message: 'Certaines informations sont à corriger.', fields: { consent: 'La personne doit avoir consenti à son orientation vers Crésus.' } });
      return;
    }
    setLocalErrors(null);
    // This form gives way to the referral on success: mutate()'s own callbacks would be dropped with it.
    refer
      .mutateAsync({ consent: true, sharePhone: form.get('sharePhone') === 'on', shareEmail: form.get('shareEmail') === 'on', note: String(form.get('note') ?? '').trim() })
      .then(() => onDone('Le dossier est orienté vers Crésus.'), () => undefined);
  }

  return (
    <form className="form card" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-form-titre`}>
      <h3 id={`${ID}-form-titre`}>Orienter vers Crésus</h3>
      <p>
        Seront transmis à Crésus : le nom et le prénom de la personne, les natures de sa difficulté, son dernier reste à vivre
        et, si elle l'accepte, son téléphone et son adresse électronique. Rien d'autre du dossier.
      </p>
      <FormError errors={errors} idPrefix={ID} />
      <CheckboxField idPrefix={ID} name="consent" label="La personne a consenti à être orientée vers Crésus" required error={errors?.fields.consent} />
      <CheckboxField idPrefix={ID} name="sharePhone" label="Transmettre son numéro de téléphone (avec son accord)" error={errors?.fields.sharePhone} />
      <CheckboxField idPrefix={ID} name="shareEmail" label="Transmettre son adresse électronique (avec son accord)" error={errors?.fields.shareEmail} />
      <TextAreaField idPrefix={ID} name="note" label="Note pour le journal (facultatif)" maxLength={10_000} hint="Inscrite au journal du dossier ; elle n'est pas transmise à Crésus." error={errors?.fields.note} />
      <FormActions submitLabel="Orienter vers Crésus" pending={refer.isPending} />
    </form>
  );
}

function ReferralSummary({ referral }: { referral: TCresusReferralView }) {
  const { shared } = referral;
  return (
    <>
      <Details>
        <Detail label="État de l'accompagnement">
          <span className={referral.status === 'terminee' ? 'badge badge--muted' : 'badge'}>{CRESUS_REFERRAL_STATUS_LABELS[referral.status]}</span>
        </Detail>
        <Detail label="Consentement recueilli le">{formatDateTime(referral.consentRecordedAt)}</Detail>
        <Detail label="Orienté le">{formatDateTime(referral.referredAt)}</Detail>
      </Details>
      {/* The shared details name the person: shown on demand only, like the identity. */}
      <details className="dashboard-data">
        <summary>Voir exactement ce qui a été transmis à Crésus</summary>
        <Details>
          <Detail label="Nom et prénom">
            {shared.lastName} {shared.firstName}
          </Detail>
          <Detail label="Téléphone">{shared.phone ?? 'Non transmis'}</Detail>
          <Detail label="Adresse électronique">{shared.email ?? 'Non transmise'}</Detail>
          <Detail label="Natures de la difficulté">{naturesText(shared.natures)}</Detail>
          <Detail label="Reste à vivre mensuel">{shared.resteAVivreCents === null ? 'Aucun budget enregistré au moment de l’orientation' : formatEuros(shared.resteAVivreCents)}</Detail>
        </Details>
      </details>
      <h3>Actions de Crésus</h3>
      {referral.actions.length === 0 ? (
        <p className="muted">Aucune action enregistrée.</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby={`${ID}-actions`} tabIndex={0}>
          <table className="table">
            <caption id={`${ID}-actions`}>
              <span className="table__caption">Actions de Crésus, par date</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Action</th>
                <th scope="col">Note</th>
                <th scope="col">Saisie par</th>
              </tr>
            </thead>
            <tbody>
              {referral.actions.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{formatDay(a.occurredOn)}</th>
                  <td>{CRESUS_ACTION_LABELS[a.action]}</td>
                  <td className="triage-text">{a.note || '—'}</td>
                  <td>{a.recordedByName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function CresusActionForm({ caseId, status, onDone }: { caseId: string; status: CresusReferralStatus; onDone: (message: string) => void }) {
  const record = useRecordCresusAction(caseId);
  const [formKey, setFormKey] = useState(0);
  const errors = toFormErrors(record.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const nextStatus = String(form.get('status') ?? '');
    const action = String(form.get('action') ?? '') as CresusAction;
    record.mutate(
      {
        action,
        occurredOn: String(form.get('occurredOn') ?? ''),
        note: String(form.get('note') ?? '').trim(),
        ...(nextStatus ? { status: nextStatus as CresusReferralStatus } : {}),
      },
      {
        onSuccess: () => {
          setFormKey((k) => k + 1);
          onDone(`Action enregistrée : ${CRESUS_ACTION_LABELS[action] ?? ''}.`);
        },
      },
    );
  }

  return (
    <form key={formKey} className="form card" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-action-titre`}>
      <h3 id={`${ID}-action-titre`}>Enregistrer une action de Crésus</h3>
      <FormError errors={errors} idPrefix={`${ID}-action`} />
      <SelectField idPrefix={`${ID}-action`} name="action" label="Action" required defaultValue="" error={errors?.fields.action}>
        <option value="">Choisir l'action</option>
        <LabelledOptions values={CRESUS_ACTIONS} labels={CRESUS_ACTION_LABELS} />
      </SelectField>
      <TextField idPrefix={`${ID}-action`} name="occurredOn" type="date" label="Date" required defaultValue={parisToday()} max={parisToday()} error={errors?.fields.occurredOn} />
      <TextAreaField idPrefix={`${ID}-action`} name="note" label="Note (facultatif)" maxLength={10_000} error={errors?.fields.note} />
      <SelectField idPrefix={`${ID}-action`} name="status" label="État de l'accompagnement" defaultValue="" error={errors?.fields.status}>
        <option value="">Inchangé ({CRESUS_REFERRAL_STATUS_LABELS[status]})</option>
        {CRESUS_REFERRAL_STATUSES.filter((s) => s !== status).map((s) => (
          <option key={s} value={s}>
            {CRESUS_REFERRAL_STATUS_LABELS[s]}
          </option>
        ))}
      </SelectField>
      <FormActions submitLabel="Enregistrer l'action" pending={record.isPending} />
    </form>
  );
}

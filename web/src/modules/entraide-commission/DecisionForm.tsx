import { useState } from 'react';
import type { FormEvent } from 'react';
import {
  ENTRAIDE_AID_FORM_LABELS,
  ENTRAIDE_AID_FORMS,
  ENTRAIDE_DECISION_KINDS,
  ENTRAIDE_DECISION_LABELS,
  type EntraideAidForm,
  type EntraideDecisionKind,
} from '../../../../contracts/entraide.schemas.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { RadioGroupField, SelectField, TextAreaField, TextField } from '../../components/fields.js';
import { toFormErrors, type FormErrors } from '../../lib/form-errors.js';
import { useRecordDecision } from './entraide-commission.api.js';
import { quorumOf, toDecision, type DecisionFields, type VoteField } from './decision-form.js';
import { formatEuros, parisToday, parseEuros } from './money.js';
import { LabelledOptions } from '../../components/filters.js';

const ID = 'decision';
const KIND_OPTIONS = ENTRAIDE_DECISION_KINDS.map((value) => ({ value, label: ENTRAIDE_DECISION_LABELS[value] }));
const VOTE_FIELDS: readonly { name: VoteField; label: string }[] = [
  { name: 'membersSeated', label: 'Membres en exercice' },
  { name: 'membersPresent', label: 'Membres présents' },
  { name: 'for', label: 'Voix pour' },
  { name: 'against', label: 'Voix contre' },
  { name: 'abstentions', label: 'Abstentions' },
];

const initialFields = (): DecisionFields => ({
  kind: 'aide_financiere',
  decidedOn: parisToday(),
  amount: '',
  aidForm: '',
  membersSeated: '',
  membersPresent: '',
  for: '',
  against: '0',
  abstentions: '0',
  note: '',
});

/** What the quorum rule means for the figures typed so far. */
function quorumText(fields: DecisionFields): string {
  const seated = Number(fields.membersSeated);
  const present = Number(fields.membersPresent);
  if (!Number.isInteger(seated) || seated < 1) return 'Quorum : plus de la moitié des membres en exercice doivent être présents.';
  const { required, reached } = quorumOf(seated, present);
  const base = `Quorum : plus de la moitié des membres en exercice doivent être présents, soit ${required} sur ${seated}.`;
  if (fields.membersPresent.trim() === '' || !Number.isInteger(present)) return base;
  return `${base} ${reached ? 'Quorum atteint.' : 'Quorum non atteint : la décision ne peut pas être prise.'}`;
}

/** The commission's decision with its vote; a financial aid is typed in euros and sent in cents. */
export function DecisionForm({ caseId, onDone }: { caseId: string; onDone: (message: string) => void }) {
  const record = useRecordDecision(caseId);
  const [fields, setFields] = useState<DecisionFields>(initialFields);
  const [localErrors, setLocalErrors] = useState<FormErrors | null>(null);
  const errors = localErrors ?? toFormErrors(record.error);
  const set = <K extends keyof DecisionFields>(name: K, value: DecisionFields[K]) => setFields((f) => ({ ...f, [name]: value }));
  const amountCents = parseEuros(fields.amount);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = toDecision(fields);
    if ('errors' in result) {
      setLocalErrors({ message: 'Certaines informations sont à corriger.', fields: result.errors });
      return;
    }
    setLocalErrors(null);
    record.mutate(result.decision, {
      onSuccess: () => {
        setFields(initialFields());
        onDone(`La décision « ${ENTRAIDE_DECISION_LABELS[result.decision.kind]} » est enregistrée.`);
      },
    });
  }

  return (
    <section className="section" aria-labelledby={`${ID}-titre`}>
      <h2 id={`${ID}-titre`}>Décision de la commission</h2>
      <form className="form card" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
        <FormError errors={errors} idPrefix={ID} />
        <RadioGroupField<EntraideDecisionKind> idPrefix={ID} name="kind" legend="Décision" options={KIND_OPTIONS} value={fields.kind} onChange={(kind) => set('kind', kind)} error={errors?.fields.kind} />
        <TextField idPrefix={ID} name="decidedOn" type="date" label="Date de la décision" required value={fields.decidedOn} max={parisToday()} onChange={(e) => set('decidedOn', e.currentTarget.value)} error={errors?.fields.decidedOn} />
        {fields.kind === 'aide_financiere' ? (
          <>
            <TextField
              idPrefix={ID}
              name="amountCents"
              label="Montant de l'aide, en euros"
              inputMode="decimal"
              autoComplete="off"
              required
              value={fields.amount}
              onChange={(e) => set('amount', e.currentTarget.value)}
              hint={amountCents ? `Par exemple 1 500,50. Montant lu : ${formatEuros(amountCents)}.` : 'Par exemple 1 500,50.'}
              error={errors?.fields.amountCents}
            />
            <SelectField idPrefix={ID} name="aidForm" label="Forme de l'aide" required value={fields.aidForm} onChange={(e) => set('aidForm', e.currentTarget.value as EntraideAidForm | '')} error={errors?.fields.aidForm}>
              <option value="">Choisir la forme de l'aide</option>
              <LabelledOptions values={ENTRAIDE_AID_FORMS} labels={ENTRAIDE_AID_FORM_LABELS} />
            </SelectField>
          </>
        ) : null}
        <fieldset id={`${ID}-vote`} className="field fieldset" tabIndex={-1} aria-describedby={`${ID}-quorum`}>
          <legend>Vote</legend>
          <p id={`${ID}-quorum`} className="hint" aria-live="polite">
            {quorumText(fields)} Les voix pour, contre et les abstentions font le nombre de membres présents.
          </p>
          {errors?.fields.vote ? (
            <p className="field-error">
              <span aria-hidden="true">⚠ </span>
              <span className="visually-hidden">Erreur : </span>
              {errors.fields.vote}
            </p>
          ) : null}
          {VOTE_FIELDS.map(({ name, label }) => (
            <TextField
              key={name}
              idPrefix={ID}
              name={`vote.${name}`}
              label={label}
              type="number"
              inputMode="numeric"
              min={name === 'membersSeated' ? 1 : 0}
              max={50}
              required
              value={fields[name]}
              onChange={(e) => set(name, e.currentTarget.value)}
              error={errors?.fields[`vote.${name}`]}
            />
          ))}
        </fieldset>
        <TextAreaField idPrefix={ID} name="note" label="Motivation (facultatif)" maxLength={10_000} value={fields.note} onChange={(e) => set('note', e.currentTarget.value)} hint="Inscrite au journal du dossier, conservée chiffrée." error={errors?.fields.note} />
        <FormActions submitLabel="Enregistrer la décision" pending={record.isPending} />
      </form>
    </section>
  );
}

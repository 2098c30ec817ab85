import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { BUDGET_LINE_KINDS, type BudgetLineKind, type TBudgetHistory } from '../../../../contracts/entraide.schemas.js';
import { FormActions } from '../../components/FormActions.js';
import { FormError } from '../../components/FormError.js';
import { TextField, fieldId } from '../../components/fields.js';
import { toFormErrors, type FormErrors } from '../../lib/form-errors.js';
import { toBudgetSnapshot, type BudgetFields, type BudgetLineFields } from './budget-form.js';
import { useRecordBudget } from './entraide-commission.api.js';
import { centsToField, parisToday } from './money.js';

const ID = 'budget';

const GROUPS: Record<BudgetLineKind, { title: string; one: string; add: string; hint: string }> = {
  revenu: { title: 'Revenus mensuels', one: 'Revenu', add: 'Ajouter un revenu', hint: 'Revenus nets du foyer : activité, pensions, allocations, loyers perçus…' },
  charge_fixe: { title: 'Charges fixes mensuelles', one: 'Charge fixe', add: 'Ajouter une charge fixe', hint: 'Loyer, énergie, assurances, impôts, frais de garde, charges du cabinet…' },
  dette: { title: 'Dettes', one: 'Dette', add: 'Ajouter une dette', hint: 'Mensualité de chaque crédit ou dette, et ce qu’il reste à rembourser.' },
};

/** Starts from the latest budget recorded (a budget evolves), or from one empty line of each kind. */
function initialFields(history: TBudgetHistory): BudgetFields {
  const last = history.snapshots.at(-1);
  const lines: BudgetLineFields[] = last
    ? last.budget.lines.map((l, key) => ({ key, kind: l.kind, label: l.label, monthly: centsToField(l.monthlyCents), remaining: l.remainingCents === undefined ? '' : centsToField(l.remainingCents) }))
    : BUDGET_LINE_KINDS.map((kind, key) => ({ key, kind, label: '', monthly: '', remaining: '' }));
  return {
    recordedOn: parisToday(),
    lines,
    personsFrom14: String(last?.budget.household.personsFrom14 ?? 1),
    childrenUnder14: String(last?.budget.household.childrenUnder14 ?? 0),
  };
}

/** Records a budget: itemised income, fixed charges and debts, and the household for the consumption units. */
export function BudgetForm({ caseId, history, onDone }: { caseId: string; history: TBudgetHistory; onDone: (message: string) => void }) {
  const record = useRecordBudget(caseId);
  const [fields, setFields] = useState(() => initialFields(history));
  const [localErrors, setLocalErrors] = useState<FormErrors | null>(null);
  const nextKey = useRef(fields.lines.length);
  const errors = localErrors ?? toFormErrors(record.error);

  // The value is read from the event now: React's updater runs later, when the event is gone.
  const setField = (name: 'recordedOn' | 'personsFrom14' | 'childrenUnder14', value: string) => setFields((f) => ({ ...f, [name]: value }));
  const setLine = (key: number, change: Partial<BudgetLineFields>) =>
    setFields((f) => ({ ...f, lines: f.lines.map((l) => (l.key === key ? { ...l, ...change } : l)) }));
  const addLine = (kind: BudgetLineKind) => {
    const key = nextKey.current++;
    const index = fields.lines.length;
    setFields((f) => ({ ...f, lines: [...f.lines, { key, kind, label: '', monthly: '', remaining: '' }] }));
    // The new line's first field takes the focus once it exists.
    requestAnimationFrame(() => document.getElementById(fieldId(ID, `lines.${index}.label`))?.focus());
  };
  const removeLine = (key: number) => setFields((f) => ({ ...f, lines: f.lines.filter((l) => l.key !== key) }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = toBudgetSnapshot(fields);
    if ('errors' in result) {
      setLocalErrors({ message: 'Certaines informations du budget sont à corriger.', fields: result.errors });
      return;
    }
    setLocalErrors(null);
    // The form is keyed by the latest budget and remounts on success: mutate()'s own callbacks would be
    // dropped with it, the promise is not. A failure is shown from the mutation's state.
    record.mutateAsync(result.snapshot).then(() => onDone('Le budget est enregistré ; le reste à vivre est recalculé.'), () => undefined);
  }

  return (
    <section className="section" aria-labelledby={`${ID}-titre`}>
      <h2 id={`${ID}-titre`}>Enregistrer un budget</h2>
      <p>
        Montants mensuels en euros. Le reste à vivre est calculé par Vigie : revenus − charges fixes − mensualités des dettes, puis
        divisé par les unités de consommation du foyer (1 pour la première personne, 0,5 par autre personne de 14 ans ou plus,
        0,3 par enfant de moins de 14 ans). Le budget est conservé chiffré.
      </p>
      <form className="form card" noValidate onSubmit={onSubmit} aria-labelledby={`${ID}-titre`}>
        <FormError errors={errors} idPrefix={ID} />
        <TextField idPrefix={ID} name="recordedOn" type="date" label="Date du budget" max={parisToday()} value={fields.recordedOn} onChange={(e) => setField('recordedOn', e.currentTarget.value)} error={errors?.fields.recordedOn} />
        {errors?.fields.lines ? (
          <p id={`${ID}-lines`} className="field-error" tabIndex={-1}>
            {errors.fields.lines}
          </p>
        ) : null}
        {BUDGET_LINE_KINDS.map((kind) => {
          const group = GROUPS[kind];
          const lines = fields.lines.map((line, index) => ({ line, index })).filter(({ line }) => line.kind === kind);
          return (
            <fieldset key={kind} className="field fieldset">
              <legend>{group.title}</legend>
              <p className="hint">{group.hint}</p>
              {lines.length === 0 ? <p className="muted">Aucune ligne.</p> : null}
              {lines.map(({ line, index }, position) => {
                const name = `${group.one} ${position + 1}`;
                return (
                  <fieldset key={line.key} className="subform">
                    <legend>{name}</legend>
                    <TextField
                      idPrefix={ID}
                      name={`lines.${index}.label`}
                      label="Libellé"
                      autoComplete="off"
                      maxLength={100}
                      value={line.label}
                      onChange={(e) => setLine(line.key, { label: e.currentTarget.value })}
                      error={errors?.fields[`lines.${index}.label`]}
                    />
                    <TextField
                      idPrefix={ID}
                      name={`lines.${index}.monthlyCents`}
                      label={kind === 'dette' ? 'Mensualité, en euros' : 'Montant mensuel, en euros'}
                      inputMode="decimal"
                      autoComplete="off"
                      value={line.monthly}
                      onChange={(e) => setLine(line.key, { monthly: e.currentTarget.value })}
                      error={errors?.fields[`lines.${index}.monthlyCents`]}
                    />
                    {kind === 'dette' ? (
                      <TextField
                        idPrefix={ID}
                        name={`lines.${index}.remainingCents`}
                        label="Reste à rembourser, en euros (facultatif)"
                        inputMode="decimal"
                        autoComplete="off"
                        value={line.remaining}
                        onChange={(e) => setLine(line.key, { remaining: e.currentTarget.value })}
                        error={errors?.fields[`lines.${index}.remainingCents`]}
                      />
                    ) : null}
                    <button type="button" className="button button--ghost button--small" onClick={() => removeLine(line.key)}>
                      Retirer la ligne<span className="visually-hidden"> « {name}{line.label ? ` : ${line.label}` : ''} »</span>
                    </button>
                  </fieldset>
                );
              })}
              <button type="button" className="button button--secondary button--small" onClick={() => addLine(kind)}>
                {group.add}
              </button>
            </fieldset>
          );
        })}
        <fieldset className="field fieldset">
          <legend>Composition du foyer</legend>
          <TextField
            idPrefix={ID}
            name="household.personsFrom14"
            label="Personnes de 14 ans ou plus (la personne aidée comprise)"
            type="number"
            inputMode="numeric"
            min={1}
            max={20}
            value={fields.personsFrom14}
            onChange={(e) => setField('personsFrom14', e.currentTarget.value)}
            error={errors?.fields['household.personsFrom14']}
          />
          <TextField
            idPrefix={ID}
            name="household.childrenUnder14"
            label="Enfants de moins de 14 ans"
            type="number"
            inputMode="numeric"
            min={0}
            max={20}
            value={fields.childrenUnder14}
            onChange={(e) => setField('childrenUnder14', e.currentTarget.value)}
            error={errors?.fields['household.childrenUnder14']}
          />
        </fieldset>
        <FormActions submitLabel="Enregistrer le budget" pending={record.isPending} />
      </form>
    </section>
  );
}

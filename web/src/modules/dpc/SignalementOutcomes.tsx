import { useState } from 'react';
import { DPC_DECISION_OUTCOME_LABELS, DPC_DECISION_OUTCOMES, type DpcDecisionOutcome } from '../../../../contracts/dpc-signalements.schemas.js';
import { fieldId } from '../../components/fields.js';

/**
 * The outcomes as checkboxes, with the rule said where it applies: « classement » stands alone, so
 * ticking it clears the others and ticking another clears it.
 */
export function useOutcomes(initial: DpcDecisionOutcome[] = []) {
  const [outcomes, setOutcomes] = useState<DpcDecisionOutcome[]>(initial);
  const toggle = (outcome: DpcDecisionOutcome, on: boolean) => {
    if (!on) return setOutcomes(outcomes.filter((o) => o !== outcome));
    if (outcome === 'classement') return setOutcomes(['classement']);
    setOutcomes([...outcomes.filter((o) => o !== 'classement'), outcome]);
  };
  return { outcomes, toggle };
}

export function OutcomesField({ idPrefix, legend, outcomes, toggle, disabled = [], error }: {
  idPrefix: string;
  legend: string;
  outcomes: DpcDecisionOutcome[];
  toggle: (outcome: DpcDecisionOutcome, on: boolean) => void;
  /** Outcomes not open now, with why. */
  disabled?: DpcDecisionOutcome[];
  error?: string | undefined;
}) {
  const id = fieldId(idPrefix, 'outcomes');
  return (
    <fieldset className={`field fieldset${error ? ' field--invalid' : ''}`} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}>
      <legend>{legend}</legend>
      <p id={`${id}-hint`} className="hint">
        Le classement sans suite se choisit seul. Les transmissions et la saisine de la chambre disciplinaire peuvent se combiner.
      </p>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          <span aria-hidden="true">⚠ </span>
          <span className="visually-hidden">Erreur : </span>
          {error}
        </p>
      ) : null}
      <div className="checkboxes">
        {DPC_DECISION_OUTCOMES.map((outcome, index) => {
          const optionId = index === 0 ? id : `${id}-${outcome}`;
          return (
            <div className="checkbox" key={outcome}>
              <input
                id={optionId}
                type="checkbox"
                name="outcomes"
                value={outcome}
                checked={outcomes.includes(outcome)}
                disabled={disabled.includes(outcome)}
                onChange={(event) => toggle(outcome, event.currentTarget.checked)}
              />
              <label htmlFor={optionId}>{DPC_DECISION_OUTCOME_LABELS[outcome]}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

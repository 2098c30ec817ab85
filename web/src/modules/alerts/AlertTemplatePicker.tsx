import { useState } from 'react';
import { ALERT_TEMPLATE_CHOICES, ALERT_TEMPLATES, type AlertTemplateId } from '../../../../contracts/alert-templates.js';
import type { AlertContent } from '../../../../contracts/alert-message.js';
import { SelectField } from '../../components/fields.js';

const sameText = (a: AlertContent, b: AlertContent) => a.title === b.title && a.situation === b.situation && a.whatToDo === b.whatToDo && a.whatNotToDo === b.whatNotToDo;
const isEmpty = (a: AlertContent) => !a.title.trim() && !a.situation.trim() && !a.whatToDo.trim() && !a.whatNotToDo.trim();

/**
 * Starts an alert from a text written for doctors, one per scam family, that the agent completes. A text
 * the agent has already changed is replaced only on an explicit second click.
 */
export function AlertTemplatePicker({ initial, current, onApply }: { initial: AlertTemplateId; current: AlertContent; onApply: (content: AlertContent) => void }) {
  const [chosen, setChosen] = useState<AlertTemplateId>(initial);
  const [pending, setPending] = useState<AlertTemplateId | null>(null);
  const untouched = isEmpty(current) || sameText(current, ALERT_TEMPLATES[chosen]);

  function choose(id: AlertTemplateId) {
    if (untouched) {
      setChosen(id);
      setPending(null);
      onApply(ALERT_TEMPLATES[id]);
    } else {
      setPending(id);
    }
  }

  return (
    <div className="alert-template-picker">
      <SelectField
        idPrefix="alerte"
        name="template"
        label="Partir d’un modèle"
        hint="Chaque modèle est écrit pour les médecins ; complétez le passage entre crochets avec ce qui permet de reconnaître le message."
        value={pending ?? chosen}
        onChange={(e) => choose(e.target.value as AlertTemplateId)}
      >
        {ALERT_TEMPLATE_CHOICES.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.label}
          </option>
        ))}
      </SelectField>
      {pending ? (
        <p role="status">
          Vous avez modifié le texte.{' '}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setChosen(pending);
              setPending(null);
              onApply(ALERT_TEMPLATES[pending]);
            }}
          >
            Remplacer mon texte par ce modèle
          </button>{' '}
          <button type="button" className="button button--tertiary" onClick={() => setPending(null)}>
            Garder mon texte
          </button>
        </p>
      ) : null}
    </div>
  );
}

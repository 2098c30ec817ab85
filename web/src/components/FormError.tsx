import type { MouseEvent } from 'react';
import type { FormErrors } from '../lib/form-errors.js';
import { fieldId } from './fields.js';

/**
 * The error summary at the top of a form: announced when it appears, with a link to each field in
 * error that moves the focus to it.
 */
export function FormError({ errors, idPrefix }: { errors: FormErrors | null; idPrefix: string }) {
  if (!errors) return null;
  const fields = Object.entries(errors.fields);

  function focusField(event: MouseEvent<HTMLAnchorElement>, name: string) {
    const target = document.getElementById(fieldId(idPrefix, name));
    if (!target) return;
    event.preventDefault();
    target.focus();
  }

  return (
    <div className="error-summary" role="alert">
      <p className="error-summary__title">{errors.message}</p>
      {fields.length > 0 ? (
        <ul>
          {fields.map(([name, message]) => (
            <li key={name}>
              <a href={`#${fieldId(idPrefix, name)}`} onClick={(event) => focusField(event, name)}>
                {message}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

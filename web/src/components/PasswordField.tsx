import { useState } from 'react';
import type { ComponentProps, ReactNode } from 'react';
import { TextField, fieldId } from './fields.js';

export type PasswordFieldProps = {
  idPrefix: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
} & Omit<ComponentProps<'input'>, 'id' | 'name' | 'type'>;

/** A password input with a button to show what was typed, instead of asking for it twice. */
export function PasswordField(props: PasswordFieldProps) {
  const [visible, setVisible] = useState(false);
  return (
    <div className="password-field">
      <TextField {...props} type={visible ? 'text' : 'password'} spellCheck={false} autoCapitalize="off" />
      <button
        type="button"
        className="link-button password-field__toggle"
        aria-controls={fieldId(props.idPrefix, props.name)}
        onClick={() => setVisible((current) => !current)}
      >
        {visible ? 'Masquer le mot de passe saisi' : 'Afficher le mot de passe saisi'}
      </button>
    </div>
  );
}

import type { ReactNode } from 'react';
import { PasswordField } from './PasswordField.js';
import type { PasswordFieldProps } from './PasswordField.js';

/** A password being chosen, with the length rules the server enforces. */
export function NewPasswordField({
  label = 'Nouveau mot de passe',
  hint = '12 caractères au moins, sans reprendre votre adresse électronique.',
  ...props
}: Omit<PasswordFieldProps, 'label'> & { label?: ReactNode }) {
  return (
    <PasswordField
      label={label}
      hint={hint}
      autoComplete="new-password"
      minLength={12}
      maxLength={128}
      required
      {...props}
    />
  );
}

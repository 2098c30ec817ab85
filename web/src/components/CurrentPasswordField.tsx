import type { ReactNode } from 'react';
import { TextField } from './fields.js';
import type { TextFieldProps } from './fields.js';

/** The password the user already has, for logging in or confirming a sensitive action. */
export function CurrentPasswordField({ label = 'Mot de passe', ...props }: Omit<TextFieldProps, 'label' | 'type'> & {
  label?: ReactNode;
}) {
  return <TextField label={label} type="password" autoComplete="current-password" required {...props} />;
}

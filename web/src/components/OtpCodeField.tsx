import { TextField } from './fields.js';
import type { TextFieldProps } from './fields.js';

/** The 6-digit code shown by the authenticator app; `name` is `code`. */
export function OtpCodeField(props: Omit<TextFieldProps, 'name' | 'label'>) {
  return (
    <TextField
      name="code"
      label="Code à 6 chiffres"
      autoComplete="one-time-code"
      inputMode="numeric"
      pattern="[0-9]*"
      maxLength={6}
      required
      {...props}
    />
  );
}

/** The code as typed, without the spaces some apps show in the middle of it. */
export function readOtpCode(form: FormData): string {
  return String(form.get('code') ?? '').replace(/\s+/g, '');
}

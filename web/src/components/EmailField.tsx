import { TextField } from './fields.js';
import type { TextFieldProps } from './fields.js';

/** An e-mail address; `name` is `email`. Pass `autoComplete="off"` when it is not the user's own. */
export function EmailField(props: Omit<TextFieldProps, 'name' | 'label' | 'type'>) {
  return (
    <TextField
      name="email"
      label="Adresse électronique"
      type="email"
      autoComplete="username"
      inputMode="email"
      spellCheck={false}
      required
      {...props}
    />
  );
}

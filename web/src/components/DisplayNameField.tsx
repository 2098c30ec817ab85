import { TextField } from './fields.js';
import type { TextFieldProps } from './fields.js';

/** The name shown to other users; `name` is `displayName`. */
export function DisplayNameField(props: Omit<TextFieldProps, 'name' | 'label'>) {
  return <TextField name="displayName" label="Nom affiché" required maxLength={120} {...props} />;
}

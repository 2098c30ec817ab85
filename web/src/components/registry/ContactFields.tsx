import type { TDoctorRecord } from '../../../../contracts/registry.schemas.js';
import { TextField } from '../fields.js';
import { fieldLabel } from './labels.js';

export type ContactBlock = 'corr' | 'pro';
type Part = 'Address' | 'PostalCode' | 'City' | 'Email' | 'Phone';
export type ContactField = `${ContactBlock}${Part}`;

interface PartSpec {
  part: Part;
  key: keyof TDoctorRecord['corr'];
  type: 'text' | 'email' | 'tel';
  autoComplete: string;
  inputMode?: 'numeric' | 'email' | 'tel';
  maxLength: number;
  hint?: string;
}

const PARTS: readonly PartSpec[] = [
  { part: 'Address', key: 'address', type: 'text', autoComplete: 'street-address', maxLength: 300 },
  { part: 'PostalCode', key: 'postalCode', type: 'text', autoComplete: 'postal-code', inputMode: 'numeric', maxLength: 5, hint: '5 chiffres' },
  { part: 'City', key: 'city', type: 'text', autoComplete: 'address-level2', maxLength: 100 },
  { part: 'Email', key: 'email', type: 'email', autoComplete: 'email', inputMode: 'email', maxLength: 254 },
  { part: 'Phone', key: 'phone', type: 'tel', autoComplete: 'tel', inputMode: 'tel', maxLength: 30, hint: 'Par exemple : 06 12 34 56 78' },
];

// The register's labels (contracts), but the postal lines of the correspondence block go without « de
// correspondance »: that block's legend or heading says it already, as on the registration form.
const SHORT_LABELS: Partial<Record<ContactField, string>> = { corrAddress: 'Adresse', corrPostalCode: 'Code postal', corrCity: 'Ville' };

function contactLabel(name: ContactField): string {
  return SHORT_LABELS[name] ?? fieldLabel(name);
}

/** The server names nested fields `changes.corrEmail`: the form's fields are named `corrEmail`. */
export function unnestFieldErrors(fields: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields ?? {})) out[path.replace(/^changes\./, '')] ??= message;
  return out;
}

/** Address, postal code, city, email and phone of one block, filled with the values on the record. */
export function ContactFields({ idPrefix, block, current, errors, own = false }: {
  idPrefix: string;
  block: ContactBlock;
  current: TDoctorRecord['corr'];
  errors: Record<string, string>;
  /** The doctor's own details: let the browser suggest them. */
  own?: boolean;
}) {
  return PARTS.map((spec) => {
    const name: ContactField = `${block}${spec.part}`;
    return (
      <TextField
        key={name}
        idPrefix={idPrefix}
        name={name}
        label={contactLabel(name)}
        type={spec.type}
        inputMode={spec.inputMode}
        autoComplete={own ? spec.autoComplete : 'off'}
        spellCheck={spec.type === 'text' ? undefined : false}
        maxLength={spec.maxLength}
        hint={spec.hint}
        defaultValue={current[spec.key] ?? ''}
        error={errors[name]}
      />
    );
  });
}

/**
 * What differs from the record in the submitted form. An emptied email or phone becomes `null`
 * (cleared) when `allowClear`, and is left out otherwise.
 */
export function readContactChanges(
  form: FormData,
  record: Pick<TDoctorRecord, 'corr' | 'pro'>,
  blocks: readonly ContactBlock[],
  allowClear: boolean,
): Partial<Record<ContactField, string | null>> {
  const changes: Partial<Record<ContactField, string | null>> = {};
  for (const block of blocks) {
    for (const spec of PARTS) {
      const name: ContactField = `${block}${spec.part}`;
      const value = String(form.get(name) ?? '').trim();
      const before = record[block][spec.key] ?? '';
      if (value === before) continue;
      const clearable = spec.part === 'Email' || spec.part === 'Phone';
      if (value === '' && clearable) {
        if (allowClear) changes[name] = null;
      } else if (value !== '' || allowClear) {
        changes[name] = value;
      }
    }
  }
  return changes;
}

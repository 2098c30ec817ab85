import { TextAreaField } from './fields.js';

/**
 * The « Motif » asked before a sensitive act (2FA reset, lifting a freeze, a bulk export): the server
 * requires 10 to 500 characters and keeps the text in the audit log.
 */
export function AuditReasonField({ idPrefix, error }: { idPrefix: string; error?: string | undefined }) {
  return (
    <TextAreaField
      idPrefix={idPrefix}
      name="reason"
      label="Motif"
      required
      minLength={10}
      maxLength={500}
      hint="10 caractères au moins. Le motif est enregistré dans le journal d'audit."
      error={error}
    />
  );
}

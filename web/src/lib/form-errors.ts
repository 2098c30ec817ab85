import { ApiError } from './api.js';
import type { ApiErrorCode } from './api.js';

export interface FormErrors {
  /** The French message for the whole form. */
  message: string;
  /** Field name → French message, shown next to the field. */
  fields: Record<string, string>;
}

const FALLBACK_MESSAGE = 'Une erreur inattendue est survenue. Réessayez ; si elle persiste, contactez le support.';

function formatDelay(seconds: number): string {
  if (seconds < 60) return `${seconds} seconde${seconds > 1 ? 's' : ''}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes > 1 ? 's' : ''}`;
}

/**
 * Turns an error into what a form shows. `codeFields` attaches a business error to the field it is
 * about (for example PASSWORD_INCORRECT to `currentPassword`).
 */
export function toFormErrors(
  error: unknown,
  codeFields: Partial<Record<ApiErrorCode, string>> = {},
): FormErrors | null {
  if (!error) return null;
  if (!(error instanceof ApiError)) return { message: FALLBACK_MESSAGE, fields: {} };
  const fields = { ...error.fields };
  const field = codeFields[error.code];
  if (field && !fields[field]) fields[field] = error.message;
  let message = error.message;
  if (error.retryAfterSeconds) message += ` Délai restant : ${formatDelay(error.retryAfterSeconds)}.`;
  return { message, fields };
}

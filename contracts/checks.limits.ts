// Limits of « Vérifier un message », shared by the API schema and the web form (no zod here, so the web
// bundle stays small). The email limits live with the engine (analysis/messages/email/email-limits.ts,
// no import there either), so that the CLI, the API and the web name the same figure.
import { emlTooLargeMessage, formatMegabytes, MAX_EML_BYTES } from '../analysis/messages/email/email-limits.js';

/**
 * Email files up to 25 Mo: the attachment limit of the common mail services, so any message a doctor
 * receives can be checked. Sent in base64 inside JSON, they take a third more (MAX_EML_BASE64_CHARS).
 */
export { emlTooLargeMessage, formatMegabytes, MAX_EML_BYTES };

/**
 * Email files checked through the public API and the web form: up to 10 Mo, the per-file limit of a
 * report's uploads. MIME decoding runs on the request's thread (a long quoted-printable body costs about
 * 0.7 s per Mo), so the public route keeps this lower bound than the CLI's 25 Mo until parsing moves to
 * worker threads (docs/detection.md, « Tailles »).
 */
export const MAX_API_EML_BYTES = 10 * 1024 * 1024;
/** Length of MAX_API_EML_BYTES in base64 (no line breaks), the largest `emlBase64` accepted. */
export const MAX_EML_BASE64_CHARS = Math.ceil(MAX_API_EML_BYTES / 3) * 4;
/** « 10 Mo »: the API's limit as the messages name it. */
export const MAX_EML_LABEL = formatMegabytes(MAX_API_EML_BYTES);
/** The French refusal of a file over the API's limit, naming both sizes. */
export function apiEmlTooLargeMessage(bytes: number): string {
  return emlTooLargeMessage(bytes, MAX_API_EML_BYTES);
}
export const MAX_TEXT_CHARS = 100_000;

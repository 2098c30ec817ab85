// Limits of « Vérifier un message », shared by the API schema and the web form (no zod here, so the web
// bundle stays small).
/** Email files up to 2 MB (base64 adds a third): far above a genuine message to a doctor. */
export const MAX_EML_BYTES = 2 * 1024 * 1024;
export const MAX_TEXT_CHARS = 100_000;

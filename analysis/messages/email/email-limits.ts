// Size limits of an email analysis. No import here: contracts/checks.limits.ts re-exports them for the
// API schema and the web form, whose bundle must not pull the engine in.

/**
 * Largest email file analysed, in bytes (25 Mo, as 1 Mo = 1 048 576 bytes, like the web's sizes): the
 * attachment limit of the common mail services, so any message a doctor can receive fits. Larger, the
 * file is refused and the message names this limit. Parsing is linear: 25 Mo take about a second.
 */
export const MAX_EML_BYTES = 25 * 1024 * 1024;

/**
 * Characters of the body (text/plain, or text/html turned into text) that the rules read: the start of
 * a message is where a scam makes its request. Links past this point are still all checked (up to the
 * number of links checked in any message): they are listed after the cut.
 */
export const MAX_BODY_CHARS = 100_000;

/** Characters read from each text-like attachment (text/*, .txt, .csv, .ics, forwarded .eml). */
export const MAX_ATTACHMENT_TEXT_CHARS = 20_000;

/** Characters read from all text-like attachments together. */
export const MAX_ATTACHMENTS_TEXT_CHARS = 60_000;

/** « 31,2 Mo » — the size of a file in the unit its limit is named in. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

/** The French refusal of a file over the limit (the engine's, unless another is given), naming both sizes. */
export function emlTooLargeMessage(bytes: number, maxBytes: number = MAX_EML_BYTES): string {
  const size = formatMegabytes(bytes);
  const limit = formatMegabytes(maxBytes);
  return `Courriel de ${size === limit ? `plus de ${size}` : size} : la limite est de ${limit}.`;
}

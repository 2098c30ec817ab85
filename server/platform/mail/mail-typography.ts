import { frenchTypography } from '../../../contracts/typography.js';
import type { OutgoingMail } from './mailer.js';

/**
 * The mail as it is sent: subject and text with French typography (contracts/typography.ts), applied
 * here once for every queued mail so that no mail builder has to remember it. Idempotent, and it leaves
 * links, addresses and codes as written, so a mail already typeset (or retried) comes out the same.
 * Mails carry no HTML part; if one is added, typeset its text nodes, never its markup.
 */
export function typesetMail(mail: OutgoingMail): OutgoingMail {
  return { ...mail, subject: frenchTypography(mail.subject), text: frenchTypography(mail.text) };
}

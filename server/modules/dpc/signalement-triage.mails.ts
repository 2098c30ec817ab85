import type { OutgoingMail } from '../../platform/mail/mailer.js';
import { MAIL_SIGNATURE } from '../../platform/mail/signature.js';

/**
 * Tells an expert reviewer a signalement is theirs to examine: the reference and a link only — no facts,
 * no reporter, nothing a mailbox should keep (docs/dpc-signalements.md « Workflow »).
 */
export function reviewerDesignatedMail(to: string, reference: string, link: string): OutgoingMail {
  return {
    to,
    subject: 'Vigie — Un signalement DPC vous est confié',
    text:
      `Bonjour,\n\nUn signalement DPC vous est confié pour avis : ${reference}.\n\n` +
      `Connectez-vous à Vigie pour l'examiner :\n${link}${MAIL_SIGNATURE}`,
  };
}

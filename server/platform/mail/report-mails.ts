import type { OutgoingMail } from './mailer.js';
import { MAIL_SIGNATURE } from './signature.js';

export interface GuidanceLine {
  title: string;
  link?: { href: string };
}

function guidanceBlock(guidance: readonly GuidanceLine[]): string {
  if (guidance.length === 0) return '';
  const lines = guidance.map((g) => `- ${g.title}${g.link ? ` : ${g.link.href}` : ''}`);
  return `\n\nPensez aussi à :\n${lines.join('\n')}`;
}

/** To someone without an account: the report counts only once this address is confirmed. */
export function reportConfirmationMail(to: string, receiptNumber: string, link: string, hours: number): OutgoingMail {
  return {
    to,
    subject: `Vigie — confirmez votre signalement ${receiptNumber}`,
    text:
      `Bonjour,\n\nUn signalement a été déposé auprès de l'Ordre des médecins avec cette adresse (reçu ${receiptNumber}). ` +
      `Pour qu'il soit transmis au conseil, confirmez votre adresse en ouvrant ce lien, valable ${hours} heures :\n${link}\n\n` +
      `Si vous n'avez rien déposé, ignorez ce message : le signalement ne sera pas examiné et sera supprimé.${MAIL_SIGNATURE}`,
  };
}

/**
 * The receipt: the number to quote, and how to follow the report — the doctor's space, or the follow
 * link for someone without an account. `forwarded`: the report came from an email sent to the council's
 * reporting address.
 */
export function reportReceiptMail(
  to: string,
  receiptNumber: string,
  follow: { kind: 'account'; url: string } | { kind: 'link'; url: string },
  guidance: readonly GuidanceLine[],
  forwarded = false,
): OutgoingMail {
  const what = forwarded ? 'le courriel que vous avez transféré au conseil' : 'votre signalement';
  const howToFollow =
    follow.kind === 'account'
      ? `Vous pouvez suivre son traitement dans votre espace Vigie, rubrique « Mes signalements » : ${follow.url}`
      : `Vous pouvez suivre son traitement avec ce lien personnel (ne le transmettez pas) : ${follow.url}`;
  return {
    to,
    subject: `Vigie — signalement reçu : ${receiptNumber}`,
    text:
      `Bonjour,\n\nL'Ordre des médecins a bien reçu ${what}. Votre numéro de reçu est ${receiptNumber} : ` +
      `rappelez-le dans tout échange avec le conseil ou dans une plainte.\n\n${howToFollow}` +
      `${guidanceBlock(guidance)}${MAIL_SIGNATURE}`,
    // A reply to the reporter's action (RFC 3834): their autoresponder must not answer it.
    autoSubmitted: 'auto-replied',
  };
}

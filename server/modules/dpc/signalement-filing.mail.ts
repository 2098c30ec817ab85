import { DPC_REPORTER_PROTECTION } from '../../../contracts/dpc-filing.schemas.js';
import type { OutgoingMail } from '../../platform/mail/mailer.js';
import { MAIL_SIGNATURE } from '../../platform/mail/signature.js';

/**
 * The acknowledgement of a DPC signalement, to the reporter's address: the reference to quote, what
 * happens next, and where a doctor follows it (`followUrl`, null for a reporter without an account).
 * It never repeats the facts: a mailbox may be read by others.
 */
export function signalementAcknowledgementMail(to: string, reference: string, followUrl: string | null): OutgoingMail {
  const follow = followUrl
    ? `Vous pouvez suivre son traitement dans votre espace Vigie, rubrique « Mes signalements DPC » : ${followUrl}`
    : 'Le conseil pourra vous contacter à cette adresse si des précisions sont nécessaires.';
  return {
    to,
    subject: `Votre signalement ${reference} a bien été reçu`,
    text:
      `Bonjour,\n\nL'Ordre des médecins a bien reçu votre signalement concernant une action de formation (DPC), ` +
      `enregistré sous la référence ${reference}. Rappelez-la dans tout échange avec le conseil.\n\n` +
      `Il sera examiné par le conseil et, si besoin, par un relecteur expert. Selon ce qui sera établi, le conseil peut ` +
      `classer le signalement, le transmettre à l'Agence nationale du DPC (ANDPC) ou à la MIVILUDES, ou saisir la chambre disciplinaire.\n\n` +
      `${DPC_REPORTER_PROTECTION}\n\n${follow}\n\n` +
      `En cas de danger immédiat pour une personne, appelez le 15 ou le 112.${MAIL_SIGNATURE}`,
    // A reply to the reporter's own action (RFC 3834): their autoresponder must not answer it.
    autoSubmitted: 'auto-replied',
  };
}

import type { OutgoingMail } from '../../platform/mail/mailer.js';
import { MAIL_SIGNATURE } from '../../platform/mail/signature.js';

const day = (isoDay: string) => new Date(`${isoDay}T12:00:00Z`).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' });

/**
 * The invitation to the reported organisation: the reference, the training's title, the statement the
 * agent wrote for it, the delay and the link. Never the reporter's facts nor who reported.
 */
export function contradictoryInvitationMail(to: string, invitation: { reference: string; subjectLabel: string; statement: string; dueOn: string; link: string }): OutgoingMail {
  return {
    to,
    subject: `Vigie — Ordre des médecins : demande d'observations (${invitation.reference})`,
    text:
      `Madame, Monsieur,\n\nLe conseil de l'Ordre des médecins examine un signalement (${invitation.reference}) concernant : ${invitation.subjectLabel}.\n\n` +
      `${invitation.statement}\n\n` +
      `Vous pouvez présenter vos observations jusqu'au ${day(invitation.dueOn)} en suivant ce lien (personnel, ne le transférez pas) :\n${invitation.link}${MAIL_SIGNATURE}`,
  };
}

import type { OutgoingMail } from './mailer.js';
import { MAIL_SIGNATURE } from './signature.js';

const when = (date: Date) => date.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });

/** Sent to the previous address after a change of contact details, with the way to stop a fraud. */
export function contactChangedMail(to: string, fields: string[], at: Date, notMeLink: string): OutgoingMail {
  return {
    to,
    subject: 'Vigie — vos coordonnées au tableau de l’Ordre ont été modifiées',
    text:
      `Bonjour,\n\nLes coordonnées suivantes de votre fiche au tableau de l'Ordre des médecins ont été modifiées le ${when(at)} : ` +
      `${fields.join(', ')}.\n\nSi vous n'êtes pas à l'origine de cette modification, ouvrez ce lien : la fiche sera gelée ` +
      `immédiatement et votre conseil départemental alerté.\nCe n'était pas moi : ${notMeLink}\n\n` +
      `Par sécurité, les nouvelles coordonnées ne serviront à aucune opération sensible (comme l'émission d'une carte e-CPS) pendant le délai de vérification.${MAIL_SIGNATURE}`,
  };
}

export function contactVerificationMail(to: string, code: string): OutgoingMail {
  return {
    to,
    subject: 'Vigie — code de vérification de votre nouvelle adresse',
    text:
      `Bonjour,\n\nVoici le code à saisir dans votre espace Vigie pour confirmer cette nouvelle adresse : ${code}\n` +
      `Il est valable 15 minutes. Si vous n'avez rien demandé, ignorez ce message et prévenez votre conseil départemental.${MAIL_SIGNATURE}`,
  };
}

export function securityAlertMail(to: string, subjectLine: string, body: string): OutgoingMail {
  return { to, subject: `Vigie — alerte sécurité : ${subjectLine}`, text: `Bonjour,\n\n${body}${MAIL_SIGNATURE}` };
}

export function activationLinkMail(to: string, link: string): OutgoingMail {
  return {
    to,
    subject: 'Vigie — activez votre espace médecin',
    text:
      `Bonjour,\n\nVotre conseil départemental vous invite à activer votre espace Vigie. Ce lien a été envoyé à l'adresse ` +
      `inscrite sur votre fiche au tableau de l'Ordre ; il est valable 72 heures et ne sert qu'une fois :\n${link}${MAIL_SIGNATURE}`,
  };
}

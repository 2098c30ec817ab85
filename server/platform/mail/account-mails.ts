import type { OutgoingMail } from './mailer.js';
import { MAIL_SIGNATURE } from './signature.js';

// The account notifications, in French. Each says what happened and what to do if it was not you.

const NOT_YOU =
  "\n\nSi vous n'êtes pas à l'origine de cette action, contactez sans attendre votre conseil départemental : " +
  'votre compte est peut-être visé par une usurpation.';

const when = (date: Date) =>
  date.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });

export function passwordResetMail(to: string, link: string): OutgoingMail {
  return {
    to,
    subject: 'Vigie — réinitialisation de votre mot de passe',
    text:
      `Bonjour,\n\nUne réinitialisation du mot de passe de votre compte Vigie a été demandée.\n\n` +
      `Pour choisir un nouveau mot de passe, ouvrez ce lien (valable 30 minutes, utilisable une seule fois) :\n${link}\n\n` +
      `Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé. ` +
      `Vigie ne vous demandera jamais votre mot de passe par téléphone ni par courriel.${MAIL_SIGNATURE}`,
  };
}

export function invitationMail(to: string, displayName: string, link: string, validHours: number): OutgoingMail {
  return {
    to,
    subject: 'Vigie — votre compte a été créé',
    text:
      `Bonjour ${displayName},\n\nUn compte Vigie vient d'être créé pour vous par l'Ordre des médecins.\n\n` +
      `Pour choisir votre mot de passe, ouvrez ce lien (valable ${validHours} heures, utilisable une seule fois) :\n${link}${MAIL_SIGNATURE}`,
  };
}

export function passwordChangedMail(to: string, at: Date): OutgoingMail {
  return {
    to,
    subject: 'Vigie — votre mot de passe a été modifié',
    text: `Bonjour,\n\nLe mot de passe de votre compte Vigie a été modifié le ${when(at)}.${NOT_YOU}${MAIL_SIGNATURE}`,
  };
}

export function secondFactorChangedMail(
  to: string,
  change: 'enabled' | 'disabled' | 'reset_by_admin' | 'recovery_codes_regenerated' | 'recovery_code_used',
  at: Date,
): OutgoingMail {
  const what = {
    enabled: 'La double authentification a été activée sur votre compte Vigie',
    disabled: 'La double authentification a été désactivée sur votre compte Vigie',
    reset_by_admin: 'La double authentification de votre compte Vigie a été réinitialisée par un administrateur',
    recovery_codes_regenerated: 'De nouveaux codes de secours ont été générés pour votre compte Vigie',
    recovery_code_used: "Un code de secours a été utilisé pour vous connecter à Vigie",
  }[change];
  return {
    to,
    subject: 'Vigie — modification de la double authentification',
    text: `Bonjour,\n\n${what} le ${when(at)}.${NOT_YOU}${MAIL_SIGNATURE}`,
  };
}

export function newDeviceLoginMail(to: string, at: Date): OutgoingMail {
  return {
    to,
    subject: 'Vigie — connexion depuis un nouvel appareil',
    text:
      `Bonjour,\n\nUne connexion à votre compte Vigie a eu lieu le ${when(at)} depuis un appareil ou un navigateur ` +
      `que nous ne connaissions pas.${NOT_YOU}${MAIL_SIGNATURE}`,
  };
}

import { reportGuidance } from '../../../contracts/reports.guidance.js';
import type { OutgoingMail } from '../../platform/mail/mailer.js';
import type { ForwardKind } from './forwarded-email.js';
import { MAIL_SIGNATURE } from '../../platform/mail/signature.js';

export interface AcknowledgementInput {
  to: string;
  receiptNumber: string;
  kind: ForwardKind;
  /** The doctor's space, or the personal follow link of a sender without an account. */
  follow: { kind: 'account'; url: string } | { kind: 'link'; url: string };
  hasLinks: boolean;
  /** The form, for a message in which no forwarded email was found. */
  formUrl: string;
}

/**
 * The answer to an email forwarded to the reporting address: the receipt number, what the council does
 * next, how to follow the report, and what not to do with the suspicious message.
 */
export function forwardAcknowledgementMail(input: AcknowledgementInput): OutgoingMail {
  const follow =
    input.follow.kind === 'account'
      ? `Vous pouvez suivre son traitement dans votre espace Vigie, rubrique « Mes signalements » : ${input.follow.url}`
      : `Vous pouvez suivre son traitement avec ce lien personnel (ne le transmettez pas) : ${input.follow.url}\n` +
        "Le conseil pourra vous écrire à cette adresse s'il a besoin de précisions.";
  const nothingForwarded =
    input.kind === 'none'
      ? '\n\nNous n\'avons pas trouvé de message transféré dans votre courriel : il a été enregistré tel quel. Pour que le conseil ' +
        "puisse examiner le message suspect lui-même, transférez-le (de préférence « en pièce jointe ») à la même adresse, ou " +
        `déposez un signalement avec le formulaire : ${input.formUrl}`
      : '';
  const others = reportGuidance({ channel: 'courriel', consequences: [], hasLinks: input.hasLinks })
    .filter((g) => g.id !== 'changer_mots_de_passe')
    .map((g) => `- ${g.title}${g.link ? ` : ${g.link.href}` : ''}`);
  return {
    to: input.to,
    subject: `Vigie — courriel transféré bien reçu : ${input.receiptNumber}`,
    text:
      `Bonjour,\n\nL'Ordre des médecins a bien reçu le courriel que vous avez transféré à son adresse de signalement. ` +
      `Il est enregistré sous le numéro de reçu ${input.receiptNumber} : rappelez-le dans tout échange avec le conseil ou dans une plainte.` +
      nothingForwarded +
      "\n\nEt maintenant ? Un agent de l'Ordre examine le signalement. Si le message fait partie d'une campagne " +
      "d'escroquerie, ses éléments (adresses, liens, numéros) sont partagés avec les autorités et les médecins concernés " +
      "sont alertés. Vous n'avez rien d'autre à faire.\n\n" +
      `${follow}\n\n` +
      'En attendant : ne répondez pas à l\'expéditeur, ne cliquez pas sur les liens et n\'ouvrez pas les pièces jointes du ' +
      "message suspect. Si vous avez déjà donné un mot de passe, un code ou vos coordonnées bancaires, changez le mot de passe " +
      'et prévenez votre banque sans attendre.' +
      (others.length > 0 ? `\n\nPensez aussi à :\n${others.join('\n')}` : '') +
      MAIL_SIGNATURE,
  };
}

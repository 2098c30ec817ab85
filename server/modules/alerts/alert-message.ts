import MailComposer from 'nodemailer/lib/mail-composer';
import addressparser from 'nodemailer/lib/addressparser';

export interface AlertText {
  id: string;
  title: string;
  situation: string;
  whatToDo: string;
  whatNotToDo: string;
}

/** The email as the doctor reads it (French); the same text for every recipient, and no tracking. */
export function alertMailText(alert: AlertText, publicUrl: string): { subject: string; text: string } {
  const page = `${publicUrl}/alertes`;
  const parts = [
    'Madame, Monsieur,',
    '',
    `L'Ordre des médecins vous alerte : ${alert.title}`,
    '',
    'CE QUI SE PASSE',
    alert.situation,
    '',
    'CE QU’IL FAUT FAIRE',
    alert.whatToDo,
  ];
  if (alert.whatNotToDo) parts.push('', 'CE QU’IL NE FAUT PAS FAIRE', alert.whatNotToDo);
  parts.push(
    '',
    `Cette alerte et les autres alertes en cours sont consultables sur la page publique de l'Ordre : ${page}`,
    '',
    "L'Ordre des médecins ne vous demandera jamais vos identifiants, un code reçu par SMS ni un paiement par courriel ou par téléphone. En cas de doute sur un message se présentant comme une alerte de l'Ordre, vérifiez qu'elle figure sur la page ci-dessus.",
    '',
    "Ce message vous est adressé à l'adresse électronique inscrite au tableau de l'Ordre.",
    '— Le Conseil de l’Ordre des médecins',
  );
  return { subject: `[Alerte Ordre des médecins] ${alert.title}`, text: parts.join('\n') };
}

/** Stable per delivery: a relay or a mailbox that sees it twice can tell it is the same message. */
export function alertMessageId(alertId: string, deliveryId: string | number): string {
  return `<alert-${alertId}-${deliveryId}@vigie>`;
}

// Plain ASCII addresses only: the address goes into the To header and the envelope verbatim.
const SAFE_ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/;

export function isSendableAddress(email: string): boolean {
  return SAFE_ADDRESS.test(email) && !email.includes('..');
}

export interface AlertMessageTemplate {
  /** Envelope sender (bare address of MAIL_FROM). */
  envelopeFrom: string;
  /** The full message for one recipient; the address must pass isSendableAddress. */
  render(deliveryId: string | number, to: string): Buffer;
}

const PLACEHOLDER_TO = 'alerte@destinataire.invalid';
const PLACEHOLDER_ID = '<alert-template@vigie>';

/**
 * Composes the alert once (MIME encoding, quoted-printable body) and fills in the two headers that differ
 * per recipient — To and Message-ID — for each delivery: 250,000 messages without 250,000 compositions.
 */
export async function buildAlertTemplate(alert: AlertText, options: { publicUrl: string; mailFrom: string }): Promise<AlertMessageTemplate> {
  const { subject, text } = alertMailText(alert, options.publicUrl);
  const composed: Buffer = await new MailComposer({
    from: options.mailFrom,
    to: PLACEHOLDER_TO,
    subject,
    text,
    messageId: PLACEHOLDER_ID,
    // Keeps out-of-office replies away from the sending address.
    headers: { 'Auto-Submitted': 'auto-generated' },
  })
    .compile()
    .build();
  const source = composed.toString('latin1');
  const toLine = `To: ${PLACEHOLDER_TO}\r\n`;
  const idLine = `Message-ID: ${PLACEHOLDER_ID}\r\n`;
  const toAt = source.indexOf(toLine);
  const idAt = source.indexOf(idLine);
  if (toAt < 0 || idAt < 0 || toAt > idAt) throw new Error('unexpected alert message layout');
  const head = Buffer.from(source.slice(0, toAt), 'latin1');
  const middle = Buffer.from(source.slice(toAt + toLine.length, idAt), 'latin1');
  const tail = Buffer.from(source.slice(idAt + idLine.length), 'latin1');
  return {
    envelopeFrom: addressparser(options.mailFrom)[0]?.address ?? options.mailFrom,
    render(deliveryId, to) {
      return Buffer.concat([head, Buffer.from(`To: ${to}\r\n`), middle, Buffer.from(`Message-ID: ${alertMessageId(alert.id, deliveryId)}\r\n`), tail]);
    },
  };
}

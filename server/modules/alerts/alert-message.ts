import MailComposer from 'nodemailer/lib/mail-composer';
import addressparser from 'nodemailer/lib/addressparser';
import { encodeWord } from 'nodemailer/lib/mime-funcs';
import { encode as qpEncode, wrap as qpWrap } from 'nodemailer/lib/qp';
import { alertSalutation, renderAlertMail, type AlertContent } from '../../../contracts/alert-message.js';
import { automaticMailHeaders } from '../../platform/mail/mailer.js';

export interface AlertText extends AlertContent {
  id: string;
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
  /** The full message for one recipient; the address must pass isSendableAddress; the name is the register's. */
  render(deliveryId: string | number, to: string, salutationName: string | null): Buffer;
}

const PLACEHOLDER_TO = 'alerte@destinataire.invalid';
const PLACEHOLDER_ID = '<alert-template@vigie>';
/** Alone on its line in both parts, ASCII, so quoted-printable leaves it whole and unwrapped. */
const PLACEHOLDER_SALUTATION = 'XVIGIESALUTATIONX';

/** The List-Id of alerts (RFC 2919), so mail clients can file and filter them: « <alertes.vigie.example.fr> ». */
export function alertListId(publicUrl: string): string {
  const host = new URL(publicUrl).hostname || 'localhost';
  // The phrase may be an encoded word; the <id> never (RFC 2919), hence a prepared header.
  return `${encodeWord("Alertes de l'Ordre des médecins", 'Q', 0)} <alertes.${host}>`;
}

/** Printable ASCII but « = », not ending in a space: quoted-printable leaves such a line as it is. */
const QP_LITERAL = /^[\x21-\x3c\x3e-\x7e](?:[\x20-\x3c\x3e-\x7e]*[\x21-\x3c\x3e-\x7e])?$/;

/** One line of a quoted-printable body, soft-wrapped at 76 as RFC 2045 requires. */
const qpLine = (value: string) =>
  value.length <= 76 && QP_LITERAL.test(value)
    ? Buffer.from(value, 'latin1')
    : Buffer.from(qpWrap(qpEncode(Buffer.from(value, 'utf8')), 76).replace(/\r?\n/g, '\r\n'), 'latin1');

const escapeHtml = (value: string) => value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * Composes the alert once (MIME encoding, quoted-printable parts, text and HTML) and fills in, for each
 * delivery, what differs per recipient — To, Message-ID and the salutation with the doctor's name —
 * in bytes: 250,000 messages without 250,000 compositions.
 */
export async function buildAlertTemplate(alert: AlertText, options: { publicUrl: string; mailFrom: string }): Promise<AlertMessageTemplate> {
  const mail = renderAlertMail(alert, { publicUrl: options.publicUrl, salutation: PLACEHOLDER_SALUTATION });
  const html = mail.html.replace(`<p>${PLACEHOLDER_SALUTATION}</p>`, `<p>\n${PLACEHOLDER_SALUTATION}\n</p>`);
  const composed: Buffer = await new MailComposer({
    from: options.mailFrom,
    to: PLACEHOLDER_TO,
    subject: mail.subject,
    text: mail.text,
    html,
    textEncoding: 'quoted-printable',
    messageId: PLACEHOLDER_ID,
    headers: { ...automaticMailHeaders('auto-generated'), 'List-Id': { prepared: true, value: alertListId(options.publicUrl) }, Precedence: 'bulk' },
  })
    .compile()
    .build();
  // MailComposer ends the lines of quoted-printable parts with a bare LF and leaves CRLF to the SMTP
  // transport, which rewrote each of them in every message (nodemailer's DataStream: ~40 insertions and
  // a copy per message). Done once here: the bytes on the wire are the same.
  const source = composed.toString('latin1').replace(/\r?\n/g, '\r\n');
  const toLine = `To: ${PLACEHOLDER_TO}\r\n`;
  const idLine = `Message-ID: ${PLACEHOLDER_ID}\r\n`;
  const toAt = source.indexOf(toLine);
  const idAt = source.indexOf(idLine);
  if (toAt < 0 || idAt < 0 || toAt > idAt) throw new Error('unexpected alert message layout');
  const head = Buffer.from(source.slice(0, toAt), 'latin1');
  const middle = Buffer.from(source.slice(toAt + toLine.length, idAt), 'latin1');
  // The body after Message-ID, cut at each salutation placeholder (one in each part).
  const bodyParts = source.slice(idAt + idLine.length).split(PLACEHOLDER_SALUTATION);
  if (bodyParts.length !== 3) throw new Error('unexpected alert body layout');
  const [beforeText, betweenParts, afterHtml] = bodyParts.map((part) => Buffer.from(part!, 'latin1'));
  return {
    envelopeFrom: addressparser(options.mailFrom)[0]?.address ?? options.mailFrom,
    render(deliveryId, to, salutationName) {
      const salutation = alertSalutation(salutationName);
      return Buffer.concat([
        head,
        Buffer.from(`To: ${to}\r\n`),
        middle,
        Buffer.from(`Message-ID: ${alertMessageId(alert.id, deliveryId)}\r\n`),
        beforeText!,
        qpLine(salutation),
        betweenParts!,
        qpLine(escapeHtml(salutation)),
        afterHtml!,
      ]);
    },
  };
}

import nodemailer from 'nodemailer';

/**
 * RFC 3834's Auto-Submitted: every mail Vigie sends is automatic, so mail clients and autoresponders
 * never answer it (no out-of-office loop). A reply to someone's action (a report's receipt) is
 * `auto-replied`; anything else `auto-generated`.
 */
export type AutoSubmitted = 'auto-generated' | 'auto-replied';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Defaults to `auto-generated`. */
  autoSubmitted?: AutoSubmitted;
}

/** The headers every automatic mail carries (Outlook reads X-Auto-Response-Suppress, not RFC 3834). */
export function automaticMailHeaders(autoSubmitted: AutoSubmitted = 'auto-generated'): Record<string, string> {
  return { 'Auto-Submitted': autoSubmitted, 'X-Auto-Response-Suppress': 'All' };
}

/** The outbound mail port. Production: an SMTP relay; development and tests: the local catcher. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, headers: automaticMailHeaders(mail.autoSubmitted) });
    },
    close: () => transport.close(),
  };
}

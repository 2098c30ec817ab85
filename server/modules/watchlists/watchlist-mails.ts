import { REPORT_CHANNEL_PHRASES, type ReportChannel } from '../../../contracts/report-vocabulary.js';
import type { OutgoingMail } from '../../platform/mail/mailer.js';
import { MAIL_SIGNATURE } from '../../platform/mail/signature.js';

const when = (date: Date) => date.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });

export interface WatchMatchMail {
  to: string;
  receiptNumber: string;
  receivedAt: Date;
  channel: ReportChannel;
  departement: string | null;
  /** Why it matched, one French clause per followed value. */
  reasons: string[];
  reportUrl: string;
  watchlistUrl: string;
}

/**
 * Tells an agent that a new report matches what they follow. Says which report and why, never who
 * reported nor what the exchanges said: the agent reads those in Vigie, where the read is audited.
 */
export function watchMatchMail(m: WatchMatchMail): OutgoingMail {
  return {
    to: m.to,
    subject: `Vigie — veille : nouveau signalement ${m.receiptNumber}`,
    text:
      `Bonjour,\n\nUn nouveau signalement correspond à votre veille.\n\n` +
      `Reçu n° ${m.receiptNumber}\nArrivé le : ${when(m.receivedAt)}\nCanal : ${REPORT_CHANNEL_PHRASES[m.channel]}\n` +
      `Département : ${m.departement ?? 'non précisé'}\n\n` +
      `Pourquoi vous recevez ce message :\n${m.reasons.map((r) => `- ${r}`).join('\n')}\n\n` +
      `Consulter le signalement : ${m.reportUrl}\n\nGérer votre veille : ${m.watchlistUrl}${MAIL_SIGNATURE}`,
  };
}

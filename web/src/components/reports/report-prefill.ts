import type { TAnalysis } from '../../../../contracts/checks.schemas.js';
import type { MessageKind } from '../../../../analysis/analysis.types.js';
import type { ReportChannelId } from '../../../../contracts/reports.guidance.js';
import { REPORT_CHANNELS } from '../../../../contracts/report-vocabulary.js';

/**
 * What « Vérifier un message » hands to the report form, through the router's state: nothing leaves
 * the browser before the reporter submits the form.
 */
export interface ReportPrefill {
  channel: ReportChannelId;
  pastedText: string;
  callerNumber: string;
  sender: string;
  links: string[];
}

const CHANNEL_OF_KIND: Record<MessageKind, ReportChannelId> = { sms: 'sms', email: 'courriel', call: 'telephone', phone: 'telephone', link: 'autre' };

export function prefillFromAnalysis(analysis: TAnalysis): ReportPrefill {
  const from = analysis.indicators.emailAddresses.find((a) => a.role === 'from');
  const phone = analysis.indicators.phones[0]?.e164 ?? '';
  return {
    channel: CHANNEL_OF_KIND[analysis.kind],
    pastedText: analysis.shownText.slice(0, 100_000),
    callerNumber: analysis.kind === 'call' || analysis.kind === 'phone' || analysis.kind === 'sms' ? phone.slice(0, 40) : '',
    sender: from?.address.slice(0, 320) ?? '',
    links: analysis.indicators.urls.slice(0, 20),
  };
}

/** The prefill carried by the router state, if any and well formed. */
export function readPrefill(state: unknown): ReportPrefill | null {
  const prefill = (state as { reportPrefill?: unknown } | null)?.reportPrefill;
  if (typeof prefill !== 'object' || prefill === null) return null;
  const p = prefill as Partial<ReportPrefill>;
  if (!REPORT_CHANNELS.some((c) => c === p.channel) || typeof p.pastedText !== 'string') return null;
  return {
    channel: p.channel as ReportChannelId,
    pastedText: p.pastedText,
    callerNumber: typeof p.callerNumber === 'string' ? p.callerNumber : '',
    sender: typeof p.sender === 'string' ? p.sender : '',
    links: Array.isArray(p.links) ? p.links.filter((l): l is string => typeof l === 'string') : [],
  };
}

import type { FieldErrors } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { ReportConsequence } from '../../../../contracts/reports.guidance.js';
import { ZAnonymousReportFormFields, ZReportFormFields } from '../../../../contracts/reports.schemas.js';
import type { ReportChannel } from '../../../../contracts/report-vocabulary.js';
import { z } from '../../../../contracts/zod.js';
import type { ReportPrefill } from '../../components/reports/report-prefill.js';
import type { TAnonymousReportBody, TReportBody } from './reports.api.js';

/** What the report form holds while the reporter fills it in: inputs as typed, before they become a request body. */
export interface ReportFormValues {
  channel: ReportChannel;
  /** AAAA-MM-JJ, or '' when not given. */
  occurredOn: string;
  organisationName: string;
  callerNumber: string;
  sender: string;
  /** One link per line, as typed. */
  links: string;
  description: string;
  pastedText: string;
  consequences: ReportConsequence[];
  pseudonymous: boolean;
  /** The chosen files, sent as they are (streamed by the browser, never read here). */
  attachments: File[];
  /** Why the picker refused a file (size, emptiness, count): shown until the next choice, even across a submit. */
  attachmentsProblem: string | null;
  email: string;
  name: string;
  departement: string;
}

/** The channel-dependent number field's label; a channel without one sends no number. */
export const NUMBER_LABEL: Partial<Record<ReportChannel, string>> = {
  telephone: 'Numéro qui vous a appelé',
  sms: "Numéro de l'expéditeur du SMS",
  autre: 'Numéro de téléphone mentionné',
};
/** The channel-dependent sender field's label; a channel without one sends no sender. */
export const SENDER_LABEL: Partial<Record<ReportChannel, string>> = {
  courriel: "Adresse électronique de l'expéditeur",
  courrier: 'Expéditeur du courrier (nom, adresse)',
  autre: 'Expéditeur',
};

export function initialReportValues(prefill: ReportPrefill | null): ReportFormValues {
  return {
    channel: prefill?.channel ?? 'telephone',
    occurredOn: '',
    organisationName: '',
    callerNumber: prefill?.callerNumber ?? '',
    sender: prefill?.sender ?? '',
    links: prefill?.links.join('\n') ?? '',
    description: '',
    pastedText: prefill?.pastedText ?? '',
    consequences: [],
    pseudonymous: false,
    attachments: [],
    attachmentsProblem: null,
    email: '',
    name: '',
    departement: '',
  };
}

/** The request body of a doctor's report: the fields the chosen channel shows, links one per line. */
export function toReportBody(values: ReportFormValues): TReportBody {
  return {
    channel: values.channel,
    occurredOn: values.occurredOn || null,
    organisationName: values.organisationName,
    callerNumber: NUMBER_LABEL[values.channel] ? values.callerNumber : '',
    sender: SENDER_LABEL[values.channel] ? values.sender : '',
    links: values.links.split(/\s*\n\s*/).map((l) => l.trim()).filter((l) => l !== ''),
    description: values.description,
    pastedText: values.pastedText,
    consequences: values.consequences,
    pseudonymous: values.pseudonymous,
  };
}

/** The request body of a report filed without an account: the doctor's fields, the address, name and département. */
export function toAnonymousReportBody(values: ReportFormValues): TAnonymousReportBody {
  return { ...toReportBody(values), email: values.email, name: values.name, departement: values.departement || null };
}

// The form is checked by the very schema the server applies to a multipart filing, on the body it would send, so
// the messages are the server's. Raw: the form keeps its own values (files included); the body is built on submit.
// Whether there is any content (text or a file) stays the server's call, as it counts the files.
const formValues = z.custom<ReportFormValues>();
export const doctorReportResolver = zodResolver(formValues.transform(toReportBody).pipe(ZReportFormFields), undefined, { raw: true });
export const anonymousReportResolver = zodResolver(formValues.transform(toAnonymousReportBody).pipe(ZAnonymousReportFormFields), undefined, {
  raw: true,
});

function firstMessage(error: unknown): string | undefined {
  if (Array.isArray(error)) return error.map(firstMessage).find((m) => m !== undefined);
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return undefined;
}

/** The form's errors by field name, one message each (« links.3 » is shown on the links field). */
export function messagesByField(errors: FieldErrors<ReportFormValues>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, error] of Object.entries(errors)) {
    const message = firstMessage(error);
    if (message !== undefined) fields[name] = message;
  }
  return fields;
}

import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import {
  REPORT_FILE_FIELD,
  type ZAnonymousReportFormFields,
  type ZReportFormFields,
  type TMyReports,
  type TOwnReport,
  type TReportFiled,
  type TReportLimits,
  type TReportSummary,
} from '../../../../contracts/reports.schemas.js';
import type { z } from '../../../../contracts/zod.js';
import { api, toQueryString } from '../../lib/api.js';

export type { TMyReports, TOwnReport, TReportFiled, TReportLimits, TReportSummary };

/**
 * What the form sends: a doctor's report, or one from someone without an account (with an address),
 * with the chosen files (sent as they are, streamed by the browser: never read into memory here).
 */
export type ReportSubmission = ({ asDoctor: true; body: TReportBody } | { asDoctor: false; body: TAnonymousReportBody }) & { files: File[] };
/** The text fields of a doctor's report as sent (the server trims them and fills what is left out). */
export type TReportBody = z.input<typeof ZReportFormFields>;
/** The text fields of a report filed without an account, as sent. */
export type TAnonymousReportBody = z.input<typeof ZAnonymousReportFormFields>;

/** The text fields as form parts: lists as repeated parts, booleans as « true »/« false », empty values left out. */
function toFormData(body: Record<string, unknown>, files: File[]): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) form.append(name, String(v));
  }
  // Files last: the server reads the fields first, then streams each file to storage.
  for (const file of files) form.append(REPORT_FILE_FIELD, file, file.name);
  return form;
}

export function useReportLimits() {
  return useQuery({ queryKey: ['report-limits'], queryFn: () => api.get<TReportLimits>('/api/reports/limits'), staleTime: 10 * 60_000 });
}

export function useFileReport() {
  return useMutation({
    mutationFn: (submission: ReportSubmission) => {
      const path = submission.asDoctor ? '/api/reports' : '/api/reports/anonymous';
      // Without files, plain JSON; with files, multipart (the API no longer takes files inside JSON).
      return submission.files.length === 0 ? api.post<TReportFiled>(path, submission.body) : api.postForm<TReportFiled>(path, toFormData(submission.body, submission.files));
    },
  });
}

export function useConfirmReport() {
  return useMutation({ mutationFn: (token: string) => api.post<TReportFiled>('/api/reports/confirm', { token }) });
}

export function useFollowReport(receipt: string, token: string) {
  return useQuery({
    queryKey: ['report-follow', receipt, token],
    queryFn: () => api.get<TReportSummary>(`/api/reports/follow${toQueryString({ recu: receipt, jeton: token })}`),
    enabled: receipt !== '' && token !== '',
    retry: false,
  });
}

/** A report the doctor sent, reopened from « Mes signalements ». */
export function useOwnReport(receiptNumber: string) {
  return useQuery({
    queryKey: ['my-report', receiptNumber],
    queryFn: () => api.get<TOwnReport>(`/api/reports/mine/${encodeURIComponent(receiptNumber)}`),
    retry: false,
  });
}

export function useMyReports(page: number) {
  return useQuery({
    queryKey: ['my-reports', page],
    queryFn: () => api.get<TMyReports>(`/api/reports/mine${toQueryString({ page })}`),
    placeholderData: keepPreviousData,
  });
}

import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { ERROR_MESSAGES, type ApiErrorBody } from '../../../../contracts/errors.js';
import {
  REPORT_FILE_FIELD,
  type TAnonymousReportCreate,
  type TMyReports,
  type TReportCreate,
  type TReportFiled,
  type TReportLimits,
  type TReportSummary,
} from '../../../../contracts/reports.schemas.js';
import { api, ApiError, fetchSession, toQueryString } from '../../lib/api.js';

export type { TMyReports, TReportFiled, TReportLimits, TReportSummary };

/**
 * What the form sends: a doctor's report, or one from someone without an account (with an address),
 * with the chosen files (sent as they are, streamed by the browser: never read into memory here).
 */
export type ReportSubmission = ({ asDoctor: true; body: TReportCreate } | { asDoctor: false; body: TAnonymousReportCreate }) & { files: File[] };

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

function isErrorBody(value: unknown): value is ApiErrorBody {
  return typeof value === 'object' && value !== null && 'error' in value && typeof (value as ApiErrorBody).error?.code === 'string';
}

/**
 * Files a report with its files as multipart/form-data. lib/api.ts speaks JSON only, so this sends the
 * request itself, with the CSRF token of a fresh session read, and answers errors as ApiError like api.post.
 */
async function postReportForm(path: string, body: Record<string, unknown>, files: File[]): Promise<TReportFiled> {
  const { csrfToken } = await fetchSession();
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers: { accept: 'application/json', 'x-csrf-token': csrfToken }, credentials: 'same-origin', body: toFormData(body, files) });
  } catch {
    throw new ApiError(0, { code: 'NETWORK_ERROR', message: 'Impossible de joindre Vigie. Vérifiez votre connexion et réessayez.' });
  }
  if (response.ok) return (await response.json()) as TReportFiled;
  const error: unknown = await response.json().catch(() => null);
  if (isErrorBody(error)) throw new ApiError(response.status, error.error);
  const code = response.status === 503 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL';
  throw new ApiError(response.status, { code, message: ERROR_MESSAGES[code] });
}

export function useReportLimits() {
  return useQuery({ queryKey: ['report-limits'], queryFn: () => api.get<TReportLimits>('/api/reports/limits'), staleTime: 10 * 60_000 });
}

export function useFileReport() {
  return useMutation({
    mutationFn: (submission: ReportSubmission) => {
      const path = submission.asDoctor ? '/api/reports' : '/api/reports/anonymous';
      // Without files, plain JSON; with files, multipart (the API no longer takes files inside JSON).
      return submission.files.length === 0 ? api.post<TReportFiled>(path, submission.body) : postReportForm(path, submission.body, submission.files);
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

export function useMyReports(page: number) {
  return useQuery({
    queryKey: ['my-reports', page],
    queryFn: () => api.get<TMyReports>(`/api/reports/mine${toQueryString({ page })}`),
    placeholderData: keepPreviousData,
  });
}

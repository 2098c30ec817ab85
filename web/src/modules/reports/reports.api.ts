import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type {
  TAnonymousReportCreate,
  TMyReports,
  TReportCreate,
  TReportFiled,
  TReportLimits,
  TReportSummary,
} from '../../../../contracts/reports.schemas.js';
import { api, toQueryString } from '../../lib/api.js';

export type { TMyReports, TReportFiled, TReportLimits, TReportSummary };

/** The body the form sends: a doctor's report, or one from someone without an account (with an address). */
export type ReportSubmission = { asDoctor: true; body: TReportCreate } | { asDoctor: false; body: TAnonymousReportCreate };

export function useReportLimits() {
  return useQuery({ queryKey: ['report-limits'], queryFn: () => api.get<TReportLimits>('/api/reports/limits'), staleTime: 10 * 60_000 });
}

export function useFileReport() {
  return useMutation({
    mutationFn: (submission: ReportSubmission) =>
      api.post<TReportFiled>(submission.asDoctor ? '/api/reports' : '/api/reports/anonymous', submission.body),
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

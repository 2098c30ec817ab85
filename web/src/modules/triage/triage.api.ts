import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TAssignment, TMerge, TStatusChange, TStatusChangeResult, TTriageNote, TTriageQueuePage, TTriageReportDetail, TTriageReportState, ZAssignees } from '../../../../contracts/triage.schemas.js';
import type { ReportStatus } from '../../../../contracts/report-vocabulary.js';
import { api, ApiError } from '../../lib/api.js';

export type Assignees = z.infer<typeof ZAssignees>;

/** The queue's filters as they live in the URL (empty string: not set). */
export interface QueueFilters {
  status: ReportStatus[];
  channel: string;
  verdict: string;
  departement: string;
  from: string;
  to: string;
  assigned: string;
  campaignId: string;
  q: string;
  page: number;
}

export const EMPTY_QUEUE_FILTERS: QueueFilters = { status: [], channel: '', verdict: '', departement: '', from: '', to: '', assigned: '', campaignId: '', q: '', page: 1 };

/** `?status=nouveau&status=en_cours&q=…`: several statuses as repeated keys. */
export function queueSearch(filters: QueueFilters): string {
  const search = new URLSearchParams();
  for (const status of filters.status) search.append('status', status);
  for (const key of ['channel', 'verdict', 'departement', 'from', 'to', 'assigned', 'campaignId', 'q'] as const) {
    if (filters[key]) search.set(key, filters[key]);
  }
  if (filters.page > 1) search.set('page', String(filters.page));
  const text = search.toString();
  return text ? `?${text}` : '';
}

const QUEUE_KEY = ['triage-queue'] as const;
const REPORT_KEY = ['triage-report'] as const;

const reportPath = (id: string) => `/api/triage/reports/${encodeURIComponent(id)}`;

export function attachmentUrl(reportId: string, attachmentId: string): string {
  return `${reportPath(reportId)}/attachments/${encodeURIComponent(attachmentId)}`;
}

export function attachmentPreviewUrl(reportId: string, attachmentId: string): string {
  return `${attachmentUrl(reportId, attachmentId)}/preview`;
}

/** A preview that is not an image (GET …/preview answering JSON): the file's text, or why there is none. */
export type TextPreview = { kind: 'text'; text: string } | { kind: 'none'; reason: string };

/**
 * The text preview of an email or a text file. Each reading is audited: asked once per page, never again
 * behind the user's back; a busy server (503) is asked again after the delay it gives.
 */
export function useTextPreview(reportId: string, attachmentId: string) {
  return useQuery({
    queryKey: ['triage-attachment-preview', reportId, attachmentId],
    queryFn: () => api.get<TextPreview>(attachmentPreviewUrl(reportId, attachmentId)),
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    staleTime: Infinity,
    retry: (failures, error) => error instanceof ApiError && error.status === 503 && failures < 3,
    retryDelay: (_failures, error) => (error instanceof ApiError ? (error.retryAfterSeconds ?? 5) : 5) * 1000,
  });
}

export function useQueue(filters: QueueFilters) {
  return useQuery({
    queryKey: [...QUEUE_KEY, filters],
    queryFn: () => api.get<TTriageQueuePage>(`/api/triage/reports${queueSearch(filters)}`),
    placeholderData: keepPreviousData,
  });
}

/**
 * Each opening of a report is written to the audit log (it shows the reporter): read it on each visit,
 * never behind the user's back (window focus, reconnection). Changes update it from their answers.
 */
export function useReport(id: string) {
  return useQuery({
    queryKey: [...REPORT_KEY, id],
    queryFn: () => api.get<TTriageReportDetail>(reportPath(id)),
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    staleTime: Infinity,
  });
}

export function useAssignees(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...REPORT_KEY, id, 'assignees'],
    queryFn: () => api.get<Assignees>(`${reportPath(id)}/assignees`),
    enabled,
  });
}

/** After a change: the page takes the new state from the answer; the queue is read again. */
function useApplyState(id: string) {
  const queryClient = useQueryClient();
  return async (state: TTriageReportState) => {
    queryClient.setQueryData<TTriageReportDetail>([...REPORT_KEY, id], (old) => (old ? { ...old, ...state } : old));
    await queryClient.invalidateQueries({ queryKey: QUEUE_KEY });
  };
}

export function useAssign(id: string) {
  const apply = useApplyState(id);
  return useMutation({
    mutationFn: (body: TAssignment) => api.post<TTriageReportState>(`${reportPath(id)}/assignment`, body),
    onSuccess: apply,
  });
}

export function useStatusChange(id: string) {
  const apply = useApplyState(id);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TStatusChange) => api.post<TStatusChangeResult>(`${reportPath(id)}/status`, body),
    onSuccess: async ({ note, ...state }) => {
      // The reason is kept as a note: shown at once, without reading the report again.
      if (note) queryClient.setQueryData<TTriageReportDetail>([...REPORT_KEY, id], (old) => (old ? { ...old, notes: [...old.notes, note] } : old));
      await apply(state);
    },
  });
}

export function useAddNote(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { body: string }) => api.post<TTriageNote>(`${reportPath(id)}/notes`, body),
    onSuccess: (note) => {
      queryClient.setQueryData<TTriageReportDetail>([...REPORT_KEY, id], (old) => (old ? { ...old, notes: [...old.notes, note] } : old));
    },
  });
}

export function useMerge(id: string) {
  const apply = useApplyState(id);
  return useMutation({
    mutationFn: (body: TMerge) => api.post<TTriageReportState>(`${reportPath(id)}/merge`, body),
    onSuccess: apply,
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CHANGE_STATUSES,
  EXPORT_PURPOSES,
  TChangeRequestCreate,
  TChangeRequestView,
  TDoctorRecord,
  TIdentityCheck,
  ZCounterCode,
  ZDoctorRecordPage,
  ZSecurityOverview,
} from '../../../../contracts/registry.schemas.js';
import type { TRegistrySearchPage } from '../../../../contracts/registry-search-import.schemas.js';
import { api, toQueryString } from '../../lib/api.js';

export type ChangeStatus = (typeof CHANGE_STATUSES)[number];
export type DoctorSearchResult = TRegistrySearchPage;
export type DoctorRecordPage = z.infer<typeof ZDoctorRecordPage>;
export type HistoryEntry = DoctorRecordPage['history'][number];
export type CounterCode = z.infer<typeof ZCounterCode>;

export interface DoctorFilters {
  q: string;
  rpps: string;
  city: string;
  departement: string;
  status: string;
  page: number;
}

/** The security view's answer, as the contract says it (contracts/registry.schemas.ts). */
export type SecurityOverview = z.infer<typeof ZSecurityOverview>;

export interface ExportInput {
  departement: string;
  purpose: (typeof EXPORT_PURPOSES)[number];
  reason: string;
}

export interface ExportFile {
  blob: Blob;
  fileName: string;
  excluded: number;
}

const SEARCH_KEY = ['registry-search'] as const;
const RECORD_KEY = ['registry-record'] as const;
const REQUESTS_KEY = ['registry-requests'] as const;

const doctorPath = (id: string) => `/api/registry/doctors/${encodeURIComponent(id)}`;
const requestPath = (id: string) => `/api/registry/change-requests/${encodeURIComponent(id)}`;

export function useDoctorSearch(filters: DoctorFilters, enabled: boolean) {
  return useQuery({
    queryKey: [...SEARCH_KEY, filters],
    queryFn: () => api.get<DoctorSearchResult>(`/api/registry/doctors${toQueryString({ ...filters })}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/**
 * Each read of a record is written to the audit log: read it on each visit and after a change, never
 * behind the user's back (window focus, reconnection).
 */
export function useDoctorRecord(id: string) {
  return useQuery({
    queryKey: [...RECORD_KEY, id],
    queryFn: () => api.get<DoctorRecordPage>(doctorPath(id)),
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

/** After a change: the record, the queue and the search may all show something else now. */
function useRegistryInvalidation() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: RECORD_KEY }),
      queryClient.invalidateQueries({ queryKey: REQUESTS_KEY }),
      queryClient.invalidateQueries({ queryKey: SEARCH_KEY }),
    ]);
}

export function useChangeRequestCreate() {
  const invalidate = useRegistryInvalidation();
  return useMutation({
    mutationFn: (body: TChangeRequestCreate) => api.post<TChangeRequestView>('/api/registry/change-requests', body),
    onSuccess: invalidate,
  });
}

export function useChangeRequests(status: ChangeStatus | '') {
  return useQuery({
    queryKey: [...REQUESTS_KEY, 'list', status],
    queryFn: () => api.get<{ items: TChangeRequestView[] }>(`/api/registry/change-requests${toQueryString({ status })}`),
    placeholderData: keepPreviousData,
  });
}

export function useChangeRequest(id: string) {
  return useQuery({
    queryKey: [...REQUESTS_KEY, 'one', id],
    queryFn: () => api.get<TChangeRequestView>(requestPath(id)),
  });
}

export function useIdentityCheck(id: string) {
  const invalidate = useRegistryInvalidation();
  return useMutation({
    mutationFn: (body: TIdentityCheck) => api.post<TChangeRequestView>(`${requestPath(id)}/identity-check`, body),
    onSuccess: invalidate,
  });
}

export function useReview(id: string) {
  const invalidate = useRegistryInvalidation();
  return useMutation({
    mutationFn: (body: { decision: 'approve' | 'reject'; reason: string }) =>
      api.post<TChangeRequestView>(`${requestPath(id)}/review`, body),
    onSuccess: invalidate,
  });
}

export function useUnfreeze(doctorId: string) {
  const invalidate = useRegistryInvalidation();
  return useMutation({
    mutationFn: (body: { reason: string }) => api.post<TDoctorRecord>(`${doctorPath(doctorId)}/unfreeze`, body),
    onSuccess: invalidate,
  });
}

export function useActivationLink(doctorId: string) {
  return useMutation({ mutationFn: () => api.post(`${doctorPath(doctorId)}/activation-link`) });
}

export function useCounterCode(doctorId: string) {
  return useMutation({
    mutationFn: (body: TIdentityCheck) => api.post<CounterCode>(`${doctorPath(doctorId)}/counter-code`, body),
  });
}

export function useDoctorSecondFactorReset(doctorId: string) {
  return useMutation({
    mutationFn: (body: TIdentityCheck) => api.post(`${doctorPath(doctorId)}/second-factor-reset`, body),
  });
}

function fileNameOf(response: Response, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return match?.[1] ?? fallback;
}

export function useRegistryExport() {
  return useMutation({
    mutationFn: async (body: ExportInput): Promise<ExportFile> => {
      const response = await api.postForFile('/api/registry/exports', body);
      return {
        blob: await response.blob(),
        fileName: fileNameOf(response, `tableau-${body.departement}.csv`),
        excluded: Number(response.headers.get('x-vigie-excluded') ?? '0') || 0,
      };
    },
  });
}

export function useSecurityOverview(departement: string) {
  return useQuery({
    queryKey: ['registry-security', departement],
    queryFn: () => api.get<SecurityOverview>(`/api/registry/security${toQueryString({ departement })}`),
    placeholderData: keepPreviousData,
  });
}

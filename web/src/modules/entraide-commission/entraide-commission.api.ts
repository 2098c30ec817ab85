import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  EntraideCaseStatus,
  TBudgetHistory,
  TBudgetSnapshotInput,
  TCresusActionEntry,
  TCresusReferral,
  TCresusReferralView,
  TEntraideCaseDetail,
  TEntraideDecision,
  TEntraideIdentity,
  TEntraideMandate,
  TEntraideSettings,
  TEntraideStats,
  THelplines,
  ZEntraideCaseList,
  ZEntraideMandateList,
  ZEntraideMembers,
  ZHelplinesUpdate,
} from '../../../../contracts/entraide.schemas.js';
import type { ZUserList } from '../../../../contracts/admin-users.schemas.js';
import { api, toQueryString } from '../../lib/api.js';

export type CaseList = z.infer<typeof ZEntraideCaseList>;
export type CaseSummary = CaseList['cases'][number];
export type MandateList = z.infer<typeof ZEntraideMandateList>;
export type Mandate = MandateList['mandates'][number];
export type Members = z.infer<typeof ZEntraideMembers>;
export type HelplinesUpdate = z.input<typeof ZHelplinesUpdate>;
export type UserList = z.infer<typeof ZUserList>;

/** The list's filters as they live in the URL. */
export interface CaseFilters {
  status: EntraideCaseStatus | '';
  page: number;
}

const CASES_KEY = ['entraide-cases'] as const;
const CASE_KEY = ['entraide-case'] as const;

const casePath = (id: string) => `/api/entraide/cases/${encodeURIComponent(id)}`;

export function useCases(filters: CaseFilters) {
  return useQuery({
    queryKey: [...CASES_KEY, filters],
    queryFn: () => api.get<CaseList>(`/api/entraide/cases${toQueryString({ status: filters.status, page: filters.page > 1 ? filters.page : undefined })}`),
    placeholderData: keepPreviousData,
  });
}

/**
 * A case and its journal. Each reading is audited and the journal is the commission's confidential
 * text: read on each visit, never behind the member's back, and dropped from memory as soon as no page
 * shows it (gcTime 0).
 */
export function useCase(id: string) {
  return useQuery({
    queryKey: [...CASE_KEY, id],
    queryFn: () => api.get<TEntraideCaseDetail>(casePath(id)),
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    staleTime: Infinity,
    gcTime: 0,
  });
}

/**
 * The identity of a case's person, with a reason. Deliberately not a query nor a mutation of the query
 * client: their caches outlive the page, and the identity must live only in the page that asked for it.
 */
export function revealIdentity(id: string, reason: string): Promise<TEntraideIdentity> {
  return api.post<TEntraideIdentity>(`${casePath(id)}/reveal`, { reason });
}

/** A workflow change answers the case as it now stands: the page takes it, the list is read again. */
function useCaseChange<B>(id: string, path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => api.post<TEntraideCaseDetail>(`${casePath(id)}/${path}`, body),
    onSuccess: async (detail) => {
      queryClient.setQueryData([...CASE_KEY, id], detail);
      await queryClient.invalidateQueries({ queryKey: CASES_KEY });
    },
  });
}

export const useAddJournalEntry = (id: string) => useCaseChange<{ kind: 'note' | 'entretien'; text: string; occurredAt?: string }>(id, 'journal');
export const useAssignReferent = (id: string) => useCaseChange<{ referentId: string | null }>(id, 'referent');
export const useRecordDecision = (id: string) => useCaseChange<TEntraideDecision>(id, 'decisions');
export const useEscalate = (id: string) => useCaseChange<{ identityConsent: boolean; reason: string }>(id, 'escalation');
export const useRecordCneConsent = (id: string) => useCaseChange<{ consent: true; note: string }>(id, 'cne-consent');
export const useCloseCase = (id: string) => useCaseChange<{ text: string }>(id, 'closure');
export const useReopenCase = (id: string) => useCaseChange<{ text: string }>(id, 'reopening');

/** Members of a département's CDE in office today, to choose a referent. */
export function useMembers(departement: string, enabled = true) {
  return useQuery({
    queryKey: ['entraide-members', departement],
    queryFn: () => api.get<Members>(`/api/entraide/members${toQueryString({ departement })}`),
    enabled,
  });
}

export interface ExportedFile {
  blob: Blob;
  fileName: string;
}

/** The right of access: everything held about the person, as a file (never kept in a cache). */
export function useAccessExport(id: string, reference: string) {
  return useMutation({
    mutationFn: async (body: { format: 'json' | 'pdf'; reason: string }): Promise<ExportedFile> => {
      const response = await api.postForFile(`${casePath(id)}/export`, body);
      const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `entraide-${reference}.${body.format}`;
      return { blob: await response.blob(), fileName };
    },
    gcTime: 0,
  });
}

// ——— Budget and Crésus ———

const budgetsKey = (id: string) => ['entraide-budgets', id] as const;
const cresusKey = (id: string) => ['entraide-cresus', id] as const;

/** Budgets are sealed like the journal: kept in memory only while a page shows them. */
export function useBudgets(id: string) {
  return useQuery({
    queryKey: budgetsKey(id),
    queryFn: () => api.get<TBudgetHistory>(`${casePath(id)}/budgets`),
    refetchOnWindowFocus: false,
    gcTime: 0,
  });
}

export function useRecordBudget(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TBudgetSnapshotInput) => api.post<TBudgetHistory>(`${casePath(id)}/budgets`, body),
    onSuccess: (history) => queryClient.setQueryData(budgetsKey(id), history),
  });
}

/** The referral names the person: kept in memory only while the page shows it. */
export function useCresus(id: string, enabled: boolean) {
  return useQuery({
    queryKey: cresusKey(id),
    queryFn: () => api.get<{ referral: TCresusReferralView | null }>(`${casePath(id)}/cresus`),
    refetchOnWindowFocus: false,
    gcTime: 0,
    enabled,
  });
}

export function useReferToCresus(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCresusReferral) => api.post<TCresusReferralView>(`${casePath(id)}/cresus`, body),
    onSuccess: async (referral) => {
      queryClient.setQueryData(cresusKey(id), { referral });
      // The journal gained an « orientation vers Crésus » entry.
      await queryClient.invalidateQueries({ queryKey: [...CASE_KEY, id] });
    },
  });
}

export function useRecordCresusAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCresusActionEntry) => api.post<TCresusReferralView>(`${casePath(id)}/cresus/actions`, body),
    onSuccess: (referral) => queryClient.setQueryData(cresusKey(id), { referral }),
  });
}

// ——— Administration ———

const MANDATES_KEY = ['entraide-mandates'] as const;

export function useMandates() {
  return useQuery({ queryKey: MANDATES_KEY, queryFn: () => api.get<MandateList>('/api/entraide/mandates') });
}

export function useGrantMandate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TEntraideMandate) => api.post<{ id: string }>('/api/entraide/mandates', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: MANDATES_KEY }),
  });
}

export function useEndMandate(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { endsOn: string; reason: string }) => api.post(`/api/entraide/mandates/${encodeURIComponent(id)}/end`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: MANDATES_KEY }),
  });
}

/** Accounts that may hold a seat: the commission's role, active, in the département for a CDE. */
export function useSeatCandidates(role: 'membre_cde' | 'membre_cne', departement: string, q: string) {
  const enabled = role === 'membre_cne' || departement !== '';
  return useQuery({
    queryKey: ['entraide-seat-candidates', role, departement, q],
    queryFn: () => api.get<UserList>(`/api/admin/users${toQueryString({ role, departement: role === 'membre_cde' ? departement : undefined, status: 'active', q })}`),
    enabled,
    placeholderData: keepPreviousData,
  });
}

const SETTINGS_KEY = ['entraide-settings'] as const;

export function useSettings() {
  return useQuery({ queryKey: SETTINGS_KEY, queryFn: () => api.get<TEntraideSettings>('/api/entraide/settings') });
}

export function useSaveSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TEntraideSettings) => api.put<TEntraideSettings>('/api/entraide/settings', body),
    onSuccess: (settings) => queryClient.setQueryData(SETTINGS_KEY, settings),
  });
}

const helplinesKey = (departement: string) => ['entraide-helplines', departement] as const;

export function useHelplines(departement: string) {
  return useQuery({
    queryKey: helplinesKey(departement),
    queryFn: () => api.get<THelplines>(`/api/entraide/helplines${toQueryString({ departement })}`),
    enabled: departement !== '',
  });
}

export function useSaveHelplines(departement: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: HelplinesUpdate) => api.put<THelplines>(`/api/entraide/helplines/${encodeURIComponent(departement)}`, body),
    onSuccess: (helplines) => queryClient.setQueryData(helplinesKey(departement), helplines),
  });
}

export interface StatsFilters {
  from: string;
  to: string;
}

export function useStats(filters: StatsFilters) {
  return useQuery({
    queryKey: ['entraide-stats', filters],
    queryFn: () => api.get<TEntraideStats>(`/api/entraide/stats${toQueryString({ ...filters })}`),
    placeholderData: keepPreviousData,
  });
}

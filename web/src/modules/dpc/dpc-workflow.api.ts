import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DpcPriority } from '../../../../contracts/dpc.schemas.js';
import type { DpcSignalementKind, DpcSignalementStatus } from '../../../../contracts/dpc-signalements.schemas.js';
import type {
  TDpcContradictoryInvite,
  TDpcContradictoryView,
  TDpcDecision,
  TDpcQueuePage,
  TDpcReporter,
  TDpcReview,
  TDpcReviewerList,
  TDpcSignalementDetail,
  TDpcSignalementState,
  TDpcTriage,
} from '../../../../contracts/dpc-workflow.schemas.js';
import { api, toQueryString } from '../../lib/api.js';
import { exchangeLogKey } from './dpc-exchanges.api.js';
import { hasPermission, useSession } from '../../lib/session.js';

// The workflow of DPC signalements (docs/dpc-signalements.md « Workflow »). Agents read under
// /api/dpc/signalements, expert reviewers under /api/dpc/reviews (one permission per route).

export interface QueueFilters {
  status: DpcSignalementStatus | '';
  kind: DpcSignalementKind | '';
  priority: DpcPriority | '';
  page: number;
}

const QUEUE_KEY = ['dpc-signalements'] as const;
const DETAIL_KEY = ['dpc-signalement'] as const;

/** Where the session reads signalements: the agent's queue, or the reviewer's designated ones. */
export function useReadBase(): 'signalements' | 'reviews' | null {
  const { data: session } = useSession();
  if (hasPermission(session, 'dpc:signalement_triage')) return 'signalements';
  if (hasPermission(session, 'dpc:signalement_review')) return 'reviews';
  return null;
}

export const queueSearch = (filters: QueueFilters) =>
  toQueryString({ status: filters.status, kind: filters.kind, priority: filters.priority, page: filters.page > 1 ? filters.page : undefined });

export function useSignalementQueue(filters: QueueFilters) {
  const base = useReadBase();
  return useQuery({
    queryKey: [...QUEUE_KEY, base, filters],
    queryFn: () => api.get<TDpcQueuePage>(`/api/dpc/${base}${queueSearch(filters)}`),
    enabled: base !== null,
    placeholderData: keepPreviousData,
  });
}

/**
 * A signalement: each reading is audited, so it is read on each visit, never behind the reader's back,
 * and dropped from memory as soon as no page shows it.
 */
export function useSignalement(id: string) {
  const base = useReadBase();
  return useQuery({
    queryKey: [...DETAIL_KEY, id],
    queryFn: () => api.get<TDpcSignalementDetail>(`/api/dpc/${base}/${encodeURIComponent(id)}`),
    enabled: base !== null,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    staleTime: Infinity,
    gcTime: 0,
  });
}

export function evidenceHref(base: 'signalements' | 'reviews', id: string, evidenceId: string): string {
  return `/api/dpc/${base}/${encodeURIComponent(id)}/evidence/${encodeURIComponent(evidenceId)}`;
}

/**
 * Who reported. Deliberately not a query nor a mutation of the query client: their caches outlive the
 * page, and the identity must live only in the component that asked for it.
 */
export function readReporter(id: string): Promise<TDpcReporter> {
  return api.get<TDpcReporter>(`/api/dpc/signalements/${encodeURIComponent(id)}/reporter`);
}

export function useReviewers(enabled: boolean) {
  return useQuery({ queryKey: ['dpc-reviewers'], queryFn: () => api.get<TDpcReviewerList>('/api/dpc/reviewers'), enabled });
}

/** A change answers the new state; the page reads the signalement again (a new audited read) and the lists. */
function useChange<B>(id: string, path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => api.post<TDpcSignalementState>(`/api/dpc/signalements/${encodeURIComponent(id)}/${path}`, body),
    onSuccess: async () => {
      // A decided transmission is a package to prepare in the exchanges panel. Not awaited: the caller's
      // own onSuccess must run before the new detail unmounts the form that called it.
      void queryClient.invalidateQueries({ queryKey: exchangeLogKey(id) });
      await queryClient.invalidateQueries({ queryKey: [...DETAIL_KEY, id] });
      await queryClient.invalidateQueries({ queryKey: QUEUE_KEY });
    },
  });
}

export const useTriage = (id: string) => useChange<TDpcTriage>(id, 'triage');
export const useReview = (id: string) => useChange<TDpcReview>(id, 'review');
export const useInvite = (id: string) => useChange<TDpcContradictoryInvite>(id, 'contradictory');
export const useCloseContradictory = (id: string) => useChange<{ version: number }>(id, 'contradictory/close');
export const useDecide = (id: string) => useChange<TDpcDecision>(id, 'decision');

/** The organisation's page: what it is invited to answer. */
export function useInvitation(token: string) {
  return useQuery({
    queryKey: ['dpc-contradictory', token],
    queryFn: () => api.get<TDpcContradictoryView>(`/api/dpc/contradictory/${encodeURIComponent(token)}`),
    enabled: token !== '',
    retry: false,
    gcTime: 0,
  });
}

export function useAnswerInvitation(token: string) {
  return useMutation({
    mutationFn: (answer: string) => api.post<{ reference: string; answeredAt: string }>(`/api/dpc/contradictory/${encodeURIComponent(token)}/answer`, { answer }),
  });
}

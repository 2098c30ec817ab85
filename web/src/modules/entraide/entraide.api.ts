import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TEntraideReceipt, TMyEntraideRequests, ZEntraideCallList, ZEntraideCallLog } from '../../../../contracts/entraide.schemas.js';
import type { z } from '../../../../contracts/zod.js';
import { api } from '../../lib/api.js';
import type { TOwnRequestBody, TRequestForBody } from './request-form-model.js';

export type TEntraideCallList = z.infer<typeof ZEntraideCallList>;
export type TEntraideCallLogBody = z.input<typeof ZEntraideCallLog>;

const MINE_KEY = ['entraide-requests-mine'] as const;
const CALLS_KEY = ['entraide-calls'] as const;

/** A doctor asks for help for themself (identity from the account). */
export function useFileOwnRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TOwnRequestBody) => api.post<TEntraideReceipt>('/api/entraide/requests', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: MINE_KEY }),
  });
}

/** A relative asks for a doctor, without an account. */
export function useFileRelativeRequest() {
  return useMutation({ mutationFn: (body: TRequestForBody) => api.post<TEntraideReceipt>('/api/entraide/requests/relative', body) });
}

/**
 * An agent or a commission member records a request received by phone: straight, or from a logged call
 * (`callId`), which the case then opens with.
 */
export function useRecordRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, callId }: { body: TRequestForBody; callId: string | null }) =>
      api.post<TEntraideReceipt>(callId ? `/api/entraide/calls/${encodeURIComponent(callId)}/case` : '/api/entraide/requests/recorded', body),
    onSuccess: (_receipt, { callId }) => (callId ? queryClient.invalidateQueries({ queryKey: CALLS_KEY }) : undefined),
  });
}

export function useMyEntraideRequests() {
  return useQuery({ queryKey: MINE_KEY, queryFn: () => api.get<TMyEntraideRequests>('/api/entraide/requests/mine') });
}

export function useEntraideCalls() {
  return useQuery({ queryKey: CALLS_KEY, queryFn: () => api.get<TEntraideCallList>('/api/entraide/calls') });
}

export function useLogCall() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TEntraideCallLogBody) => api.post<{ id: string }>('/api/entraide/calls', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CALLS_KEY }),
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TOwnChangeRequest, ZOwnRecord, ZStepUpGrant } from '../../../../contracts/registry.schemas.js';
import { api } from '../../lib/api.js';

export type OwnRecord = z.infer<typeof ZOwnRecord>;
export type StepUpGrant = z.infer<typeof ZStepUpGrant>;

export interface SelfChanges {
  corrAddress?: string;
  corrPostalCode?: string;
  corrCity?: string;
  corrEmail?: string;
  corrPhone?: string;
}

const OWN_KEY = ['self-registry'] as const;

export function useOwnRecord() {
  return useQuery({ queryKey: OWN_KEY, queryFn: () => api.get<OwnRecord>('/api/me/registry') });
}

/** A fresh 2FA code buys a single-use token valid 5 minutes; the page keeps it in memory only. */
export function useStepUp() {
  return useMutation({ mutationFn: (body: { code: string }) => api.post<StepUpGrant>('/api/auth/step-up', body) });
}

export function useSelfContactChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { stepUpToken: string; changes: SelfChanges }) =>
      api.post<TOwnChangeRequest>('/api/me/registry/contact-changes', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: OWN_KEY }),
  });
}

export function useSelfContactVerify(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { emailCode?: string; phoneCode?: string }) =>
      api.post<TOwnChangeRequest>(`/api/me/registry/contact-changes/${encodeURIComponent(id)}/verify`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: OWN_KEY }),
  });
}

/** Public: from the link sent to the previous address. */
export function useNotMe() {
  return useMutation({ mutationFn: (body: { token: string }) => api.post('/api/registry/not-me', body) });
}

export type ActivationInput = { token: string; password: string } | { rpps: string; code: string; password: string };

/** Public: creates the doctor's account, with the email address on the record. */
export function useActivation() {
  return useMutation({ mutationFn: (body: ActivationInput) => api.post('/api/activation', body) });
}

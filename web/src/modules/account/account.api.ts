import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TAccountView, TTotpSetup } from '../../../../contracts/account.schemas.js';
import { api } from '../../lib/api.js';
import { refreshSession } from '../../lib/session.js';

export const ACCOUNT_KEY = ['account'] as const;

interface RecoveryCodesResult {
  recoveryCodes: string[];
}

export function useAccount() {
  return useQuery({ queryKey: ACCOUNT_KEY, queryFn: () => api.get<TAccountView>('/api/account') });
}

export function usePasswordChange() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api.post('/api/account/password', body),
  });
}

export function useTotpSetup() {
  return useMutation({ mutationFn: () => api.post<TTotpSetup>('/api/account/totp/setup') });
}

/** Confirms the new second factor. The session changes (a pending enrolment becomes active). */
export function useTotpConfirm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { code: string }) => api.post<RecoveryCodesResult>('/api/account/totp/confirm', body),
    onSuccess: () => refreshSession(queryClient, { forgetData: false }),
  });
}

export function useTotpDisable() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { password: string; code: string }) => api.post('/api/account/totp/disable', body),
    onSuccess: async () => {
      await refreshSession(queryClient, { forgetData: false });
      await queryClient.invalidateQueries({ queryKey: ACCOUNT_KEY });
    },
  });
}

export function useRecoveryCodesRegenerate() {
  return useMutation({
    mutationFn: (body: { code: string }) => api.post<RecoveryCodesResult>('/api/account/recovery-codes', body),
  });
}

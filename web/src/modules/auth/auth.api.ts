import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { SessionState } from '../../../../contracts/auth.schemas.js';
import { api } from '../../lib/api.js';
import { refreshSession } from '../../lib/session.js';

interface StateResult {
  state: SessionState;
}

export type SecondFactorInput = { code: string } | { recoveryCode: string };

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => api.post<StateResult>('/api/auth/login', body),
    onSuccess: () => refreshSession(queryClient),
  });
}

export function useSecondFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SecondFactorInput) => api.post<StateResult>('/api/auth/second-factor', body),
    onSuccess: () => refreshSession(queryClient),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.post('/api/auth/logout'),
    onSuccess: async () => {
      await refreshSession(queryClient);
      await navigate('/connexion', { replace: true });
    },
  });
}

export function usePasswordResetRequest() {
  return useMutation({
    mutationFn: (body: { email: string }) => api.post('/api/auth/password-reset/request', body),
  });
}

/** The server ends any session of this browser when a password is chosen from a link. */
export function usePasswordResetConfirm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { token: string; password: string }) => api.post('/api/auth/password-reset/confirm', body),
    onSuccess: () => refreshSession(queryClient),
  });
}

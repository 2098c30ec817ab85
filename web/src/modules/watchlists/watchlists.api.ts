import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TWatchCreate, TWatchList, TWatchView } from '../../../../contracts/watchlists.schemas.js';
import { api } from '../../lib/api.js';

const KEY = ['watchlists'] as const;

export function useWatches() {
  return useQuery({ queryKey: KEY, queryFn: () => api.get<TWatchList>('/api/watchlists') });
}

export function useAddWatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TWatchCreate) => api.post<TWatchView>('/api/watchlists', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useRemoveWatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/watchlists/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

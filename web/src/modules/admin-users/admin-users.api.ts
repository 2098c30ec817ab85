import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TUserCreate,
  TUserUpdate,
  TUserView,
  ZUserList,
} from '../../../../contracts/admin-users.schemas.js';
import { api, toQueryString } from '../../lib/api.js';

export interface UserFilters {
  q: string;
  role: string;
  departement: string;
  status: string;
  page: number;
}

export type UserList = z.infer<typeof ZUserList>;

const USERS_KEY = ['admin-users'] as const;

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: [...USERS_KEY, filters],
    queryFn: () => api.get<UserList>(`/api/admin/users${toQueryString({ ...filters })}`),
    placeholderData: keepPreviousData,
  });
}

export function useUserCreate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TUserCreate) => api.post<TUserView>('/api/admin/users', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

export function useUserUpdate(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TUserUpdate) => api.patch<TUserView>(`/api/admin/users/${encodeURIComponent(id)}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

export function useSecondFactorReset(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { reason: string }) =>
      api.post(`/api/admin/users/${encodeURIComponent(id)}/second-factor-reset`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TDashboardStats } from '../../../../contracts/dashboard.schemas.js';
import { api, toQueryString } from '../../lib/api.js';

export interface DashboardFilters {
  from: string;
  to: string;
  departement: string;
}

export function useDashboard(filters: DashboardFilters) {
  return useQuery({
    queryKey: ['dashboard', filters],
    queryFn: () => api.get<TDashboardStats>(`/api/dashboard${toQueryString({ ...filters })}`),
    placeholderData: keepPreviousData,
  });
}

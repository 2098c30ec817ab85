import { useQuery } from '@tanstack/react-query';
import type { THomeWork } from '../../../../contracts/home.schemas.js';
import { api } from '../../lib/api.js';

/** How often the home page's counts are read again while it stays open. */
export const HOME_WORK_REFRESH_MS = 30_000;

/**
 * What waits for the session's user (GET /api/home/work). Read again every 30 s and when the window
 * comes back to the front, so the counts follow the colleagues' work without a reload.
 */
export function useHomeWork() {
  return useQuery({
    queryKey: ['home', 'work'],
    queryFn: () => api.get<THomeWork>('/api/home/work'),
    refetchInterval: HOME_WORK_REFRESH_MS,
    refetchOnWindowFocus: true,
  });
}

import { useQuery } from '@tanstack/react-query';
import type { TSiteInfo } from '../../../../contracts/site.schemas.js';
import { api } from '../../lib/api.js';

/** Publisher, contacts and retention periods, from the server's configuration (GET /api/site). */
export function useSiteInfo() {
  return useQuery({ queryKey: ['site'], queryFn: () => api.get<TSiteInfo>('/api/site'), staleTime: 5 * 60_000 });
}

export type { TSiteInfo };

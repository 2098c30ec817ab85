import { useQuery } from '@tanstack/react-query';
import type { TDpcVigilance } from '../../../../contracts/dpc.schemas.js';
import { api } from '../../lib/api.js';

/** The awareness page's content, readable by anyone; it changes only with a new lexicon. */
export function useDriftVigilance() {
  return useQuery({ queryKey: ['dpc-vigilance'], queryFn: () => api.get<TDpcVigilance>('/api/dpc/vigilance'), staleTime: 10 * 60_000 });
}

export type { TDpcVigilance };

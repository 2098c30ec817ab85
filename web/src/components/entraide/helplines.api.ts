import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { THelplines } from '../../../../contracts/entraide.schemas.js';
import { api, toQueryString } from '../../lib/api.js';

/** The emergency numbers and the helplines in force for a département (null: the national lines), without login. */
export function useHelplines(departement: string | null, { enabled = true } = {}) {
  return useQuery({
    enabled,
    queryKey: ['entraide-helplines', departement],
    queryFn: () => api.get<THelplines>(`/api/entraide/helplines${toQueryString({ departement })}`),
    // Set by administrators, rarely changed: no need to ask again during a visit.
    staleTime: 10 * 60_000,
    // The previous département's lines stay on screen while the next ones load, instead of a blank.
    placeholderData: keepPreviousData,
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  DpcPriority,
  TDpcActionDetail,
  TDpcActionPage,
  TDpcImportReport,
  TDpcImportRequest,
  TDpcRescreening,
  TDpcRescreenMatchesPage,
  TDpcVigilance,
  ZDpcRescreeningList,
} from '../../../../contracts/dpc.schemas.js';
import { api, toQueryString } from '../../lib/api.js';

/** The awareness page's content, readable by anyone; it changes only with a new lexicon. */
export function useDriftVigilance() {
  return useQuery({ queryKey: ['dpc-vigilance'], queryFn: () => api.get<TDpcVigilance>('/api/dpc/vigilance'), staleTime: 10 * 60_000 });
}

export type { TDpcVigilance, TDpcActionDetail, TDpcActionPage, TDpcImportReport, TDpcRescreening, TDpcRescreenMatchesPage };
export type TDpcRescreeningList = z.infer<typeof ZDpcRescreeningList>;

/** The catalogue search's filters as they live in the URL. */
export interface CatalogueFilters {
  q: string;
  organisation: string;
  priority: DpcPriority | '';
  page: number;
}

const CATALOGUE_KEY = ['dpc-catalogue'] as const;
const RESCREENINGS_KEY = ['dpc-rescreenings'] as const;

export function catalogueQueryString(filters: CatalogueFilters): string {
  return toQueryString({ q: filters.q, organisation: filters.organisation, priority: filters.priority, page: filters.page > 1 ? filters.page : undefined });
}

export function useCatalogueSearch(filters: CatalogueFilters) {
  return useQuery({
    queryKey: [...CATALOGUE_KEY, 'search', filters],
    queryFn: () => api.get<TDpcActionPage>(`/api/dpc/actions${catalogueQueryString(filters)}`),
    placeholderData: keepPreviousData,
  });
}

export function useCatalogueAction(id: string) {
  return useQuery({
    queryKey: [...CATALOGUE_KEY, 'action', id],
    queryFn: () => api.get<TDpcActionDetail>(`/api/dpc/actions/${encodeURIComponent(id)}`),
  });
}

export function useRescreenings() {
  return useQuery({ queryKey: [...RESCREENINGS_KEY, 'list'], queryFn: () => api.get<TDpcRescreeningList>('/api/dpc/rescreenings') });
}

export function useRescreenMatches(id: string | null, page: number) {
  return useQuery({
    queryKey: [...RESCREENINGS_KEY, 'matches', id, page],
    queryFn: () => api.get<TDpcRescreenMatchesPage>(`/api/dpc/rescreenings/${encodeURIComponent(id ?? '')}/matches${toQueryString({ page: page > 1 ? page : undefined })}`),
    enabled: id !== null,
    placeholderData: keepPreviousData,
  });
}

/** Rescreens the whole catalogue with the current lexicon; the runs and the catalogue are read again after. */
export function useRescreenCatalogue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<TDpcRescreening>('/api/dpc/rescreenings'),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: RESCREENINGS_KEY }), queryClient.invalidateQueries({ queryKey: CATALOGUE_KEY })]),
  });
}

export function useImportCatalogue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: TDpcImportRequest) => api.post<TDpcImportReport>('/api/dpc/imports', request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CATALOGUE_KEY }),
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TCampaignList,
  TCampaignMerge,
  TCampaignPage,
  TCampaignPublicLabelApproval,
  TCampaignPublicLabelProposal,
  TCampaignPublicLabelState,
  TCampaignSplit,
  TCampaignSummary,
  TCampaignUpdate,
  TIndicatorDecision,
  TIndicatorView,
  ZCampaignQualified,
  ZHeldIndicatorList,
} from '../../../../contracts/campaigns.schemas.js';
import { api, toQueryString } from '../../lib/api.js';

export type HeldIndicatorList = z.infer<typeof ZHeldIndicatorList>;
export type CampaignQualified = z.infer<typeof ZCampaignQualified>;

export interface CampaignFilters {
  status: string;
  family: string;
  page: number;
}

const LIST_KEY = ['campaigns'] as const;
const PAGE_KEY = ['campaign'] as const;
const HELD_KEY = ['held-indicators'] as const;

const campaignPath = (id: string) => `/api/campaigns/${encodeURIComponent(id)}`;

export function useCampaigns(filters: CampaignFilters) {
  return useQuery({
    queryKey: [...LIST_KEY, filters],
    queryFn: () => api.get<TCampaignList>(`/api/campaigns${toQueryString({ ...filters })}`),
    placeholderData: keepPreviousData,
  });
}

export function useCampaign(id: string) {
  return useQuery({ queryKey: [...PAGE_KEY, id], queryFn: () => api.get<TCampaignPage>(campaignPath(id)) });
}

export function useHeldIndicators() {
  return useQuery({ queryKey: HELD_KEY, queryFn: () => api.get<HeldIndicatorList>('/api/indicators/held') });
}

/** After any change, campaigns (list and pages) and held indicators may all read differently. */
function useInvalidation() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: LIST_KEY }),
      queryClient.invalidateQueries({ queryKey: PAGE_KEY }),
      queryClient.invalidateQueries({ queryKey: HELD_KEY }),
    ]);
}

export function useUpdateCampaign(id: string) {
  const invalidate = useInvalidation();
  return useMutation({ mutationFn: (input: TCampaignUpdate) => api.patch<TCampaignSummary>(campaignPath(id), input), onSuccess: invalidate });
}

export function useSplitCampaign(id: string) {
  const invalidate = useInvalidation();
  return useMutation({ mutationFn: (input: TCampaignSplit) => api.post<TCampaignSummary>(`${campaignPath(id)}/split`, input), onSuccess: invalidate });
}

export function useMergeCampaign(id: string) {
  const invalidate = useInvalidation();
  return useMutation({ mutationFn: (input: TCampaignMerge) => api.post<TCampaignSummary>(`${campaignPath(id)}/merge`, input), onSuccess: invalidate });
}

export function useRemoveReport(id: string) {
  const invalidate = useInvalidation();
  return useMutation({
    mutationFn: (reportId: string) => api.post<TCampaignSummary>(`${campaignPath(id)}/reports/${encodeURIComponent(reportId)}/remove`),
    onSuccess: invalidate,
  });
}

export function useQualifyCampaign(id: string) {
  const invalidate = useInvalidation();
  return useMutation({ mutationFn: () => api.post<CampaignQualified>(`${campaignPath(id)}/qualify`), onSuccess: invalidate });
}

export function useCloseCampaign(id: string) {
  const invalidate = useInvalidation();
  return useMutation({ mutationFn: () => api.post<TCampaignSummary>(`${campaignPath(id)}/close`), onSuccess: invalidate });
}

export function useProposePublicLabel(id: string) {
  const invalidate = useInvalidation();
  return useMutation({
    mutationFn: (input: TCampaignPublicLabelProposal) => api.post<TCampaignPublicLabelState>(`${campaignPath(id)}/public-label`, input),
    onSuccess: invalidate,
  });
}

export function useApprovePublicLabel(id: string) {
  const invalidate = useInvalidation();
  return useMutation({
    mutationFn: (input: TCampaignPublicLabelApproval) => api.post<TCampaignPublicLabelState>(`${campaignPath(id)}/public-label/approve`, input),
    onSuccess: invalidate,
  });
}

export function useDecideIndicator() {
  const invalidate = useInvalidation();
  return useMutation({
    mutationFn: ({ id, ...input }: TIndicatorDecision & { id: string }) => api.post<TIndicatorView>(`/api/indicators/${encodeURIComponent(id)}/decision`, input),
    onSuccess: invalidate,
  });
}

export function useMarkFalsePositive() {
  const invalidate = useInvalidation();
  return useMutation({ mutationFn: (id: string) => api.post<TIndicatorView>(`/api/indicators/${encodeURIComponent(id)}/false-positive`), onSuccess: invalidate });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AlertStatus,
  TAlertDraft,
  TAlertSummary,
  TAlertView,
  TAudience,
  TAudiencePreview,
  TPublicAlert,
  ZAlertDraft,
  ZCampaignPrefill,
} from '../../../../contracts/alerts.schemas.js';
import { api, toQueryString } from '../../lib/api.js';

export type CampaignPrefill = z.infer<typeof ZCampaignPrefill>;
/** What the form sends: the contract's input (before defaults are applied). */
export type AlertDraftInput = z.input<typeof ZAlertDraft>;

const LIST_KEY = ['alerts'] as const;
const ALERT_KEY = ['alert'] as const;
const alertPath = (id: string) => `/api/alerts/${encodeURIComponent(id)}`;

/** « Alertes en cours », readable by anyone. */
export function usePublicAlerts() {
  return useQuery({ queryKey: ['public-alerts'], queryFn: () => api.get<{ items: TPublicAlert[] }>('/api/alerts/public') });
}

export function useAlerts(status: AlertStatus | '') {
  return useQuery({
    queryKey: [...LIST_KEY, status],
    queryFn: () => api.get<{ items: TAlertSummary[] }>(`/api/alerts${toQueryString({ status })}`),
    placeholderData: keepPreviousData,
  });
}

/** One alert; polled every 3 seconds while it is being broadcast, for the progress bar. */
export function useAlert(id: string) {
  return useQuery({
    queryKey: [...ALERT_KEY, id],
    queryFn: () => api.get<TAlertView>(alertPath(id)),
    refetchInterval: (query) => (query.state.data?.status === 'en_diffusion' ? 3_000 : false),
  });
}

export function useSpecialties() {
  return useQuery({ queryKey: ['alert-specialties'], queryFn: () => api.get<{ items: string[] }>('/api/alerts/specialties'), staleTime: 5 * 60_000 });
}

export function useCampaignPrefill(campaignId: string | null) {
  return useQuery({
    queryKey: ['alert-campaign', campaignId],
    queryFn: () => api.get<CampaignPrefill>(`/api/alerts/campaigns/${encodeURIComponent(campaignId ?? '')}`),
    enabled: !!campaignId,
    retry: false,
  });
}

/** How many doctors the audience reaches now (null while the audience is incomplete). */
export function useAudiencePreview(audience: TAudience | null) {
  return useQuery({
    queryKey: ['alert-preview', audience],
    queryFn: () => api.post<TAudiencePreview>('/api/alerts/preview', audience),
    enabled: audience !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

function useAlertMutation<TInput>(fn: (input: TInput) => Promise<TAlertView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (alert) => {
      queryClient.setQueryData([...ALERT_KEY, alert.id], alert);
      void queryClient.invalidateQueries({ queryKey: LIST_KEY });
      void queryClient.invalidateQueries({ queryKey: ['public-alerts'] });
    },
  });
}

export const useCreateAlert = () => useAlertMutation((input: AlertDraftInput) => api.post<TAlertView>('/api/alerts', input));
export const useUpdateAlert = (id: string) => useAlertMutation((input: AlertDraftInput) => api.put<TAlertView>(alertPath(id), input));
export const useSubmitAlert = (id: string) => useAlertMutation(() => api.post<TAlertView>(`${alertPath(id)}/submit`));
export const useApproveAlert = (id: string) => useAlertMutation(() => api.post<TAlertView>(`${alertPath(id)}/approve`));
export const useReturnAlert = (id: string) => useAlertMutation((comment: string) => api.post<TAlertView>(`${alertPath(id)}/return`, { comment }));
export const useWithdrawAlert = (id: string) => useAlertMutation((reason: string) => api.post<TAlertView>(`${alertPath(id)}/withdraw`, { reason }));

export type { TAlertDraft, TAlertView, TAlertSummary, TPublicAlert, TAudience };

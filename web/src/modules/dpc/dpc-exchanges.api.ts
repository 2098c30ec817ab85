import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TDpcExchangeCreate,
  TDpcExchangeEntry,
  TDpcExchangeLog,
  TDpcPackageCreate,
  TDpcStats,
} from '../../../../contracts/dpc-exchanges.schemas.js';
import { api, toQueryString } from '../../lib/api.js';

// The exchanges of a signalement with the ANDPC and the MIVILUDES, and the national statistics.

/** Also invalidated by a decision, which opens a package form per transmission decided. */
export const exchangeLogKey = (signalementId: string) => ['dpc-exchanges', signalementId] as const;

export function useExchangeLog(signalementId: string, enabled = true) {
  return useQuery({ queryKey: exchangeLogKey(signalementId), queryFn: () => api.get<TDpcExchangeLog>(`/api/dpc/signalements/${signalementId}/exchanges`), enabled });
}

export function useCreatePackage(signalementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TDpcPackageCreate) => api.post<TDpcExchangeEntry>(`/api/dpc/signalements/${signalementId}/packages`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: exchangeLogKey(signalementId) }),
  });
}

/** The body as the form holds it: empty optional fields are left out by the server's schema. */
export type ExchangeDraft = Omit<TDpcExchangeCreate, 'partnerReference' | 'occurredAt' | 'acknowledges'> & {
  partnerReference?: string | undefined;
  occurredAt?: string | undefined;
  acknowledges?: string | undefined;
};

export function useRecordExchange(signalementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ExchangeDraft) => api.post<TDpcExchangeEntry>(`/api/dpc/signalements/${signalementId}/exchanges`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: exchangeLogKey(signalementId) }),
  });
}

/** A sent package's download address (a plain link: the route is a GET, audited by the server). */
export function packageUrl(exchangeId: string, format: 'pdf' | 'json'): string {
  return `/api/dpc/exchanges/${exchangeId}/package.${format}`;
}

export function useDpcStats(filters: { from: string; to: string }) {
  return useQuery({
    queryKey: ['dpc-stats', filters],
    queryFn: () => api.get<TDpcStats>(`/api/dpc/stats${toQueryString(filters)}`),
    placeholderData: keepPreviousData,
  });
}

export type { TDpcExchangeEntry, TDpcExchangeLog, TDpcStats };

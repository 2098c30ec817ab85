import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TDpcCatalogueSuggestion,
  TDpcMySignalements,
  TDpcPublicSignalementCreate,
  TDpcSignalementCreate,
  TDpcSignalementFiled,
} from '../../../../contracts/dpc-filing.schemas.js';
import { api } from '../../lib/api.js';

// Filing a DPC signalement and following one's own (docs/dpc-signalements.md « Filing »).

const MINE_KEY = ['dpc-signalements-mine'] as const;

export type SignalementBody = TDpcSignalementCreate | TDpcPublicSignalementCreate;

/** Appends a body's fields as form parts: nested fields by dotted names, booleans as « true »/« false ». */
function appendFields(form: FormData, value: Record<string, unknown>, prefix = ''): void {
  for (const [key, v] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (v === undefined || v === null) continue;
    if (typeof v === 'object') appendFields(form, v as Record<string, unknown>, name);
    else form.append(name, String(v));
  }
}

/** JSON without files; with files, multipart as the server reads it (one « attachments » part per file). */
export function signalementPayload(body: SignalementBody, files: readonly File[]): SignalementBody | FormData {
  if (files.length === 0) return body;
  const form = new FormData();
  appendFields(form, body);
  for (const file of files) form.append('attachments', file);
  return form;
}

/** Files from an account (`account`) or as a visitor through the public door. */
export function useFileSignalement(door: 'account' | 'public') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, files }: { body: SignalementBody; files: readonly File[] }) =>
      api.post<TDpcSignalementFiled>(door === 'account' ? '/api/dpc/signalements' : '/api/dpc/signalements/public', signalementPayload(body, files)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: MINE_KEY }),
  });
}

/** Catalogue actions matching what the reporter typed (3 characters at least). */
export function useCatalogueSuggestions(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: ['dpc-catalogue-suggestions', query],
    queryFn: () => api.get<{ items: TDpcCatalogueSuggestion[] }>(`/api/dpc/catalogue/suggestions?q=${encodeURIComponent(query)}`),
    enabled: query.length >= 3,
    staleTime: 60_000,
  });
}

export function useMySignalements(page: number) {
  return useQuery({
    queryKey: [...MINE_KEY, page],
    queryFn: () => api.get<TDpcMySignalements>(`/api/dpc/signalements/mine?page=${page}`),
  });
}

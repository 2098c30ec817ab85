import { useMutation } from '@tanstack/react-query';
import type { TAnalysis, TAnalysisRequest } from '../../../../contracts/checks.schemas.js';
import { api } from '../../lib/api.js';

/** Public: works without an account. The server keeps nothing of the message. */
export function useAnalysis() {
  return useMutation({ mutationFn: (body: TAnalysisRequest) => api.post<TAnalysis>('/api/analyses', body) });
}

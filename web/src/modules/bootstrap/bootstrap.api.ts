import { useMutation } from '@tanstack/react-query';
import type { TBootstrapAdmin } from '../../../../contracts/bootstrap.schemas.js';
import { api } from '../../lib/api.js';

export function useFirstAdminCreate() {
  return useMutation({ mutationFn: (body: TBootstrapAdmin) => api.post('/api/bootstrap/admin', body) });
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TAuditPage } from '../../../../contracts/audit.js';
import { toQueryString } from '../../lib/api.js';
import { api } from '../../lib/api.js';

/** The journal's filters as they sit in the page's address (empty = not filtered). */
export interface AuditFilterValues {
  actor: string;
  entityType: string;
  entityId: string;
  action: string;
  from: string;
  to: string;
}

export function useAudit(filters: AuditFilterValues & { beforeId: string }) {
  return useQuery({
    queryKey: ['admin-audit', filters],
    queryFn: () => api.get<TAuditPage>(`/api/admin/audit${toQueryString({ ...filters })}`),
    placeholderData: keepPreviousData,
  });
}

/** The CSV export of the same filters: a plain link, the browser downloads it with the session cookie. */
export function auditExportUrl(filters: AuditFilterValues): string {
  return `/api/admin/audit/export${toQueryString({ ...filters, format: 'csv' })}`;
}

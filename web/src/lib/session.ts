import { useQuery } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type { TSessionView } from '../../../contracts/auth.schemas.js';
import type { Permission } from '../../../contracts/permissions.js';
import { fetchSession } from './api.js';

export const SESSION_KEY = ['session'] as const;

export function useSession() {
  return useQuery<TSessionView>({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 30_000 });
}

export function hasPermission(session: TSessionView | undefined, permission: Permission): boolean {
  return session?.permissions.includes(permission) ?? false;
}

/**
 * After login, logout or a second factor, the identity and the CSRF token change: forget the previous
 * identity's data and read the session again.
 */
export async function refreshSession(queryClient: QueryClient, { forgetData = true } = {}): Promise<void> {
  if (forgetData) queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
  await queryClient.refetchQueries({ queryKey: SESSION_KEY, exact: true });
}

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import type { TSessionView } from '../../contracts/auth.schemas.js';
import { ROLE_PERMISSIONS } from '../../contracts/permissions.js';
import type { Role } from '../../contracts/roles.js';

/** Renders a page or component the way the app does: with a query client (no retries) and a router. */
export function renderWithApp(ui: ReactElement, { path = '/' }: { path?: string } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
    </QueryClientProvider>,
  );
}

export interface SentRequest {
  method: string;
  path: string;
  /** The JSON body as sent, or the FormData of a multipart request. */
  body: unknown;
}

type Answer = { status?: number; body: unknown };

/**
 * Replaces `fetch`, the one network boundary of the web app: each request is recorded, and answered by the
 * route « METHOD /path?query », else « METHOD /path ». An unexpected request fails the test.
 */
export function stubFetch(routes: Record<string, Answer | ((request: SentRequest) => Answer)>): SentRequest[] {
  const sent: SentRequest[] = [];
  vi.stubGlobal('fetch', (input: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const path = String(input);
    const rawBody = init.body;
    const body: unknown = typeof rawBody === 'string' ? JSON.parse(rawBody) : rawBody;
    const request = { method, path, body };
    sent.push(request);
    const route = routes[`${method} ${path}`] ?? routes[`${method} ${path.split('?')[0] ?? path}`];
    if (!route) return Promise.reject(new Error(`unexpected request ${method} ${path}`));
    const answer = typeof route === 'function' ? route(request) : route;
    return Promise.resolve(
      new Response(JSON.stringify(answer.body), { status: answer.status ?? 200, headers: { 'content-type': 'application/json' } }),
    );
  });
  return sent;
}

/** The error envelope the server answers a refused body with (contracts/errors.ts). */
export function validationFailed(fields: Record<string, string>, message = 'Certaines informations sont invalides. Corrigez les champs signalés.') {
  return {
    status: 400,
    body: {
      error: {
        code: 'VALIDATION_FAILED',
        message,
        details: { fields: Object.entries(fields).map(([path, msg]) => ({ path, message: msg })) },
        requestId: 'req-test',
      },
    },
  };
}

/** The answer of GET /api/session for a logged-in user with the permissions of their role. */
export function sessionOf(role: Role, departement: string | null): { body: TSessionView } {
  return {
    body: {
      state: 'active',
      csrfToken: 'csrf-test',
      user: { id: 'u-1', email: 'agent@exemple.fr', displayName: 'Agent Test', role, departement, secondFactorEnabled: true },
      permissions: [...ROLE_PERMISSIONS[role]],
    },
  };
}

import { ERROR_MESSAGES } from '../../../contracts/errors.js';
import type { ApiErrorBody, ErrorCode } from '../../../contracts/errors.js';
import type { TSessionView } from '../../../contracts/auth.schemas.js';

export type ApiErrorCode = ErrorCode | 'NETWORK_ERROR';

const NETWORK_MESSAGE = 'Impossible de joindre Vigie. Vérifiez votre connexion et réessayez.';

/** An error answered by the API (or the network), carrying the French message to show. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  /** Field path → French message, for VALIDATION_FAILED. */
  readonly fields: Record<string, string>;
  readonly retryAfterSeconds: number | undefined;
  readonly requestId: string | undefined;

  constructor(status: number, body: Omit<Partial<ApiErrorBody['error']>, 'code'> & { code: ApiErrorCode; message: string }) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.fields = {};
    for (const field of body.details?.fields ?? []) {
      this.fields[field.path] ??= field.message;
    }
    this.retryAfterSeconds = body.details?.retryAfterSeconds;
    this.requestId = body.requestId;
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

let csrfToken: string | null = null;

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

async function toApiError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  if (isErrorBody(body)) return new ApiError(response.status, body.error);
  const code: ErrorCode = response.status === 503 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL';
  return new ApiError(response.status, { code, message: ERROR_MESSAGES[code] });
}

async function send(method: Method, path: string, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // A FormData body (files) is multipart: the browser writes its content type with the boundary.
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { code: 'NETWORK_ERROR', message: NETWORK_MESSAGE });
  }
}

async function request<T>(method: Method, path: string, body?: unknown, isRetry = false): Promise<T> {
  const response = await send(method, path, body);
  if (response.ok) {
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  const error = await toApiError(response);
  // The token rotates on login, logout and second factor: another tab may have rotated it.
  if (error.code === 'CSRF_INVALID' && !isRetry) {
    await fetchSession();
    return request<T>(method, path, body, true);
  }
  throw error;
}

/** A POST answered with a file (CSV…): the raw response, once the status is known to be a success. */
async function requestFile(path: string, body: unknown, isRetry = false): Promise<Response> {
  const response = await send('POST', path, body);
  if (response.ok) return response;
  const error = await toApiError(response);
  if (error.code === 'CSRF_INVALID' && !isRetry) {
    await fetchSession();
    return requestFile(path, body, true);
  }
  throw error;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T = void>(path: string, body?: unknown) => request<T>('POST', path, body),
  patch: <T = void>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T = void>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  postForFile: (path: string, body: unknown) => requestFile(path, body),
  /**
   * multipart/form-data (files streamed by the browser, never read into memory by the page). The CSRF
   * token is read first if none is held: a refusal before the body is read may reach the browser as a
   * cut connection while it is still sending megabytes, not as a retryable CSRF_INVALID.
   */
  postForm: async <T = void>(path: string, form: FormData) => {
    if (!csrfToken) await fetchSession();
    return request<T>('POST', path, form);
  },
};

/** Reads the session and keeps its CSRF token for the next state-changing requests. */
export async function fetchSession(): Promise<TSessionView> {
  const session = await request<TSessionView>('GET', '/api/session');
  csrfToken = session.csrfToken;
  return session;
}

/** Builds a query string from the non-empty values, e.g. `?q=dupont&page=2`. */
export function toQueryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function isSessionLost(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED');
}

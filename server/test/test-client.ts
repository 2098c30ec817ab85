import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database } from '../platform/db/client.js';
import { freshTotpCode, type TestUser } from './factories.js';

/**
 * A browser-like client over app.inject: keeps cookies, sends the CSRF header on state-changing requests,
 * and can come from a chosen address.
 */
let clientCount = 0;
/** Each client gets its own address unless told otherwise, so per-address rate limits stay per test. */
function nextAddress(): string {
  clientCount += 1;
  return `192.0.2.${clientCount % 250}` + (clientCount >= 250 ? `${Math.floor(clientCount / 250)}` : '');
}

export class TestClient {
  readonly cookies = new Map<string, string>();
  csrfToken = '';

  constructor(
    private app: FastifyInstance,
    readonly ip = nextAddress(),
  ) {}

  /** Points the client at another instance (same cookies), as a load balancer would. */
  via(app: FastifyInstance): this {
    this.app = app;
    return this;
  }

  async request(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(method !== 'GET' && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0;
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body ?? {});

  /** Reloads the session view, as the web app does after each login step, and keeps its CSRF token. */
  async refreshSession() {
    const res = await this.get('/api/session');
    const view = res.json() as { state: string; csrfToken: string };
    this.csrfToken = view.csrfToken;
    return view;
  }

  /** Logs in with password and, when the account has one, a fresh TOTP code. Returns the final state. */
  async login(database: Database, account: TestUser): Promise<string> {
    await this.refreshSession();
    const res = await this.post('/api/auth/login', { email: account.user.email, password: account.password });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    let state = (res.json() as { state: string }).state;
    await this.refreshSession();
    if (state === 'pending_second_factor' && account.totpSecret) {
      const code = await freshTotpCode(database, account.user.id, account.totpSecret);
      const second = await this.post('/api/auth/second-factor', { code });
      if (second.statusCode !== 200) throw new Error(`second factor failed: ${second.statusCode} ${second.body}`);
      state = (second.json() as { state: string }).state;
      await this.refreshSession();
    }
    return state;
  }
}

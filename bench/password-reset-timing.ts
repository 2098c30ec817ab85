import { users } from '../server/platform/db/schema.js';
import { buildTestApp } from '../server/test/test-app.js';

// `npm run bench:password-reset`: how long POST /api/auth/password-reset/request takes for an address
// that has an account and for one that does not, over BENCH_REQUESTS requests each (200 by default),
// through the whole application (app.inject on a fresh database; the PostgreSQL server when
// VIGIE_TEST_DB=pg, in-memory PGlite otherwise). The two kinds alternate so that drift (JIT warm-up,
// the mail worker, vacuum) weighs on both alike; each known request targets a different account, so the
// per-account limit does not turn it into a third case. Prints medians and the 90th percentile: if the
// medians differ by more than the noise, the endpoint tells who has an account. BENCH_GAP_MS (default 0)
// pauses between requests: the reset mail is queued after the answer, and on the embedded PGlite (one
// thread, one connection, in this same process) that work otherwise lands on the next request measured.
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const GAP_MS = Number(process.env.BENCH_GAP_MS ?? 0);
const WARM_UP = 20;

const t = await buildTestApp({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '100000', RATE_LIMIT_PER_MINUTE: '100000' } });
try {
  const emails = Array.from({ length: REQUESTS + WARM_UP }, (_, i) => `bench.reset.${i}@exemple.fr`);
  await t.database.db.insert(users).values(
    emails.map((email, i) => ({ email, displayName: `Banc ${i}`, role: 'medecin' as const, departement: '75', passwordHash: 'x' })),
  );

  const session = await t.app.inject({ method: 'GET', url: '/api/session' });
  const csrf = (session.json() as { csrfToken: string }).csrfToken;
  const cookie = `vigie_csrf=${csrf}`;
  let n = 0;
  const time = async (email: string): Promise<number> => {
    n += 1;
    const started = process.hrtime.bigint();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/request',
      remoteAddress: `198.51.${Math.floor(n / 250) % 250}.${n % 250}`,
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      payload: JSON.stringify({ email }),
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (res.statusCode !== 202) throw new Error(`unexpected answer ${res.statusCode}: ${res.body}`);
    if (GAP_MS > 0) await new Promise((r) => setTimeout(r, GAP_MS));
    return ms;
  };

  for (let i = 0; i < WARM_UP; i++) {
    await time(emails[REQUESTS + i]!);
    await time(`bench.unknown.warm.${i}@exemple.fr`);
  }
  const known: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    known.push(await time(emails[i]!));
    unknown.push(await time(`bench.unknown.${i}@exemple.fr`));
  }

  const quantile = (values: number[], q: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  };
  const line = (label: string, values: number[]) =>
    `${label.padEnd(22)} median ${quantile(values, 0.5).toFixed(2)} ms   p90 ${quantile(values, 0.9).toFixed(2)} ms`;
  console.log(`Password-reset request, ${REQUESTS} requests each, database ${t.database.kind}, ${GAP_MS} ms between requests`);
  console.log(line('existing account', known));
  console.log(line('unknown address', unknown));
  console.log(`difference of medians   ${(quantile(known, 0.5) - quantile(unknown, 0.5)).toFixed(2)} ms`);
} finally {
  await t.close();
}

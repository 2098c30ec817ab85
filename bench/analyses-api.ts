import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { startRuntime } from '../server/runtime.js';
import { startSmtpCatcher } from '../server/platform/mail/smtp-catcher.js';
import { testConfig } from '../server/test/test-app.js';

// `npm run bench:analyze` part 3: POST /api/analyses at a fixed 500 requests/s against a real server
// (embedded PostgreSQL unless DATABASE_URL is set), printing latency percentiles. A benchmark, not a test.
const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const MESSAGES = [
  { kind: 'sms', text: 'URGENT : votre certification périodique n’est pas validée, risque de radiation. Rappelez le 09 70 12 34 56.' },
  { kind: 'sms', text: 'Docteur, grâce à vos droits DPC, formation offerte : créez votre compte sur https://mon-dpc-droits.fr/inscription' },
  { kind: 'sms', text: 'Bonjour, votre rendez-vous de mardi 14 h est confirmé. Cabinet du Dr Martin.' },
  { kind: 'call', text: 'Se présente comme la direction régionale de certification périodique, exige de parler au médecin.' },
  { kind: 'link', text: 'https://agencedpc.fr.validation-compte.com/connexion' },
];

const catcher = await startSmtpCatcher();
const config = testConfig({
  SMTP_URL: catcher.url,
  RATE_LIMIT_PER_MINUTE: '1000000',
  CHECK_RATE_LIMIT_PER_MINUTE: '1000000',
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : { VIGIE_DATA_DIR: `/tmp/vigie-bench-${process.pid}` }),
});
const runtime = await startRuntime(config, { webDistDir: 'web/dist' });
await runtime.app.listen({ host: '127.0.0.1', port: 0 });
const url = `http://127.0.0.1:${(runtime.app.server.address() as AddressInfo).port}`;

const session = await fetch(`${url}/api/session`);
const csrf = ((await session.json()) as { csrfToken: string }).csrfToken;
const cookie = session.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

let i = 0;
const result = await autocannon({
  url: `${url}/api/analyses`,
  method: 'POST',
  connections: 50,
  overallRate: RATE,
  duration: SECONDS,
  headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie },
  setupClient: (client) => {
    client.setBody(JSON.stringify(MESSAGES[i++ % MESSAGES.length]));
  },
});

console.log(`POST /api/analyses — ${RATE} req/s demandées pendant ${SECONDS} s (${runtime.database.kind})`);
console.log(`  réponses : ${result.requests.total} (2xx : ${result['2xx']}, autres : ${result.non2xx}, erreurs : ${result.errors}, délais dépassés : ${result.timeouts})`);
console.log(`  débit moyen : ${result.requests.average.toFixed(0)} req/s`);
console.log(`  latence : p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
await runtime.close();
await catcher.close();

import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { startVigieProcess } from './vigie-process.js';

// `npm run bench:analyze:api`: POST /api/analyses at a fixed rate (500 requests/s by default) against
// Vigie running in its own process (embedded PostgreSQL, or DATABASE_URL), so the load generator does
// not share the server's event loop. Prints latency percentiles; a benchmark, not a test.
//
// autocannon paces a fixed rate by letting each connection fire on its own timer, so requests arrive in
// bursts of up to `connections` at once: with 50 connections a bare Node server that answers in
// microseconds already shows a p99 near 50 ms on this machine. The harness floor is therefore measured
// first, on such a bare server with the same settings, and printed beside Vigie's figures; 10 connections
// (50 requests/s each) is the default, which keeps the floor near 10 ms.
const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 3917);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const FLOOR_PORT = PORT + 1;
const MESSAGES = [
  { kind: 'sms', text: 'URGENT : votre certification périodique n’est pas validée, risque de radiation. Rappelez le 09 70 12 34 56.' },
  { kind: 'sms', text: 'Docteur, grâce à vos droits DPC, formation offerte : créez votre compte sur https://mon-dpc-droits.fr/inscription' },
  { kind: 'sms', text: 'Bonjour, votre rendez-vous de mardi 14 h est confirmé. Cabinet du Dr Martin.' },
  { kind: 'call', text: 'Se présente comme la direction régionale de certification périodique, exige de parler au médecin.' },
  { kind: 'link', text: 'https://agencedpc.fr.validation-compte.com/connexion' },
];

/** The same load against a bare Node server in its own process: what the harness alone costs. */
async function measureHarnessFloor(): Promise<autocannon.Result> {
  const bare = spawn(process.execPath, ['-e', `require('node:http').createServer((req, res) => {
    req.resume();
    req.on('end', () => { res.setHeader('content-type', 'application/json'); res.end('{"verdict":"aucun_signal"}'); });
  }).listen(${FLOOR_PORT}, '127.0.0.1')`], { stdio: 'ignore' });
  try {
    for (let i = 0; !(await fetch(`http://127.0.0.1:${FLOOR_PORT}/`).then(() => true).catch(() => false)); i++) {
      if (i > 50) throw new Error('bare server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    return await autocannon({
      url: `http://127.0.0.1:${FLOOR_PORT}/`,
      method: 'POST',
      connections: CONNECTIONS,
      overallRate: RATE,
      duration: Math.min(SECONDS, 10),
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(MESSAGES[0]),
    });
  } finally {
    bare.kill('SIGTERM');
  }
}

const floor = await measureHarnessFloor();

const vigie = await startVigieProcess('api', PORT, { CHECK_RATE_LIMIT_PER_MINUTE: '1000000' });
const url = vigie.url;
try {
  const { csrf, cookie } = await vigie.anonymousSession();
  const headers = { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie };
  // Warm-up: JIT, compiled rules, database caches.
  await autocannon({ url: `${url}/api/analyses`, method: 'POST', connections: 10, amount: 2000, headers, body: JSON.stringify(MESSAGES[0]) });

  let i = 0;
  const result = await autocannon({
    url: `${url}/api/analyses`,
    method: 'POST',
    connections: CONNECTIONS,
    overallRate: RATE,
    duration: SECONDS,
    headers,
    setupClient: (client) => {
      client.setBody(JSON.stringify(MESSAGES[i++ % MESSAGES.length]));
    },
  });
  console.log(`POST /api/analyses — ${RATE} req/s demandées pendant ${SECONDS} s sur ${CONNECTIONS} connexions (${process.env.DATABASE_URL ? 'serveur PostgreSQL' : 'PostgreSQL embarqué'}, serveur dans son propre processus)`);
  console.log(`  plancher du banc (serveur Node nu, mêmes réglages) : p50 ${floor.latency.p50} ms, p99 ${floor.latency.p99} ms`);
  console.log(`  réponses : ${result.requests.total} (2xx : ${result['2xx']}, autres : ${result.non2xx}, erreurs : ${result.errors}, délais dépassés : ${result.timeouts})`);
  console.log(`  débit moyen : ${result.requests.average.toFixed(0)} req/s`);
  console.log(`  latence : p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
} finally {
  await vigie.stop();
}

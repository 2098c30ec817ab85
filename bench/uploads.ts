import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startVigieProcess } from './vigie-process.js';

// `npm run bench:uploads`: the memory an anonymous filing with files costs the server. Vigie runs in its
// own process (embedded PostgreSQL, or DATABASE_URL; local upload folder); this script files 1, then 4
// concurrent, anonymous reports as multipart/form-data, each with FILES × FILE_MB of attachments,
// while sampling the server's resident memory (VmRSS in /proc/<pid>/status). Prints the baseline, the
// peak and the rise per filing, and the throughput. A benchmark, not a test: figures vary by machine.
const PORT = Number(process.env.BENCH_PORT ?? 3927);
const FILES = Number(process.env.BENCH_FILES ?? 5);
const FILE_BYTES = Number(process.env.BENCH_FILE_MB ?? 10) * 1024 * 1024;
const SAMPLE_MS = 10;

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? NaN);
  return kib / 1024;
}

/** Samples the server's RSS until stopped; returns the highest value seen. */
function sampleRss(pid: number): { stop: () => number } {
  let peak = rssMiB(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMiB(pid));
  }, SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssMiB(pid));
    },
  };
}

async function settle(pid: number): Promise<number> {
  // Let the filings' after-commit work finish and the heap settle, then read the resting RSS.
  await new Promise((r) => setTimeout(r, 3000));
  return rssMiB(pid);
}

// A PDF header then incompressible bytes: typed as a PDF by its content, FILE_BYTES exactly (the limit).
const pdf = new Blob([Buffer.from('%PDF-1.4\n'), randomBytes(FILE_BYTES - 9)], { type: 'application/pdf' });

const vigie = await startVigieProcess('uploads', PORT, {
  REPORT_RATE_LIMIT_PER_MINUTE: '1000000',
  UPLOAD_MAX_BYTES: String(FILE_BYTES),
  UPLOAD_MAX_FILES: String(FILES),
});
const { url, pid } = vigie;
try {
  const { csrf, cookie } = await vigie.anonymousSession();

  let n = 0;
  const file = async (files: number) => {
    const form = new FormData();
    form.append('channel', 'courrier');
    form.append('description', 'Courrier d’un prétendu organisme de certification, reçu au cabinet.');
    form.append('email', `banc${(n += 1)}@exemple.fr`);
    for (let i = 0; i < files; i++) form.append('attachments', pdf, `courrier-${i + 1}.pdf`);
    const res = await fetch(`${url}/api/reports/anonymous`, { method: 'POST', headers: { 'x-csrf-token': csrf, cookie }, body: form });
    if (res.status !== 201) throw new Error(`filing answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  };

  const idle = await settle(pid);
  // Warm-up: JIT, analysis rules, database caches, the upload folder.
  await file(1);
  await file(1);
  const start = await settle(pid);
  const totalMiB = (FILES * FILE_BYTES) / (1024 * 1024);
  console.log(`Dépôts anonymes multipart, ${FILES} fichiers de ${FILE_BYTES / (1024 * 1024)} Mo (${totalMiB} Mo) par signalement — serveur dans son propre processus (${process.env.DATABASE_URL ? 'serveur PostgreSQL' : 'PostgreSQL embarqué'}, dossier local)`);
  console.log(`  mémoire résidente au repos : ${idle.toFixed(0)} Mo au démarrage, ${start.toFixed(0)} Mo après l’échauffement (2 dépôts d’un fichier)`);

  for (const concurrent of [1, 4]) {
    const baseline = await settle(pid);
    const sampler = sampleRss(pid);
    const t0 = performance.now();
    await Promise.all(Array.from({ length: concurrent }, () => file(FILES)));
    const seconds = (performance.now() - t0) / 1000;
    const peak = sampler.stop();
    const rise = peak - baseline;
    console.log(
      `  ${concurrent} dépôt${concurrent > 1 ? 's simultanés' : ''} : base ${baseline.toFixed(0)} Mo, pic ${peak.toFixed(0)} Mo, hausse ${rise.toFixed(0)} Mo (${(rise / concurrent).toFixed(0)} Mo par dépôt) ; ` +
        `${seconds.toFixed(1)} s, ${((concurrent * totalMiB) / seconds).toFixed(0)} Mo/s, ${(concurrent / seconds).toFixed(2)} dépôts/s`,
    );
  }
} finally {
  await vigie.stop();
}

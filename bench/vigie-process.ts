import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Benchmarks measure Vigie as it runs in production: `server/main.ts` in its own process (embedded
// PostgreSQL under a temporary data dir, or DATABASE_URL), never the benchmark's own event loop.

export interface VigieProcess {
  url: string;
  pid: number;
  /** An anonymous session's CSRF token and cookie, for state-changing requests. */
  anonymousSession(): Promise<{ csrf: string; cookie: string }>;
  stop(): Promise<void>;
}

/** Starts Vigie on `port` with the benchmark's settings on top of the environment; resolves once /readyz answers. */
export async function startVigieProcess(name: string, port: number, env: Record<string, string>): Promise<VigieProcess> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `vigie-bench-${name}-`));
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      VIGIE_DATA_DIR: dataDir,
      VIGIE_SECRET: 'bench-secret-0123456789abcdef0123456789',
      LOG_LEVEL: 'warn',
      SMTP_CATCHER_PORT: '0',
      RATE_LIMIT_PER_MINUTE: '1000000',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    server.kill('SIGTERM');
    if (server.exitCode === null) await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; ; i++) {
      const ready = await fetch(`${url}/readyz`).then((r) => r.ok).catch(() => false);
      if (ready) break;
      if (i > Number(process.env.BENCH_READY_SECONDS ?? 60) * 2) throw new Error('Vigie did not become ready');
      await new Promise((r) => setTimeout(r, 500));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url,
    pid: server.pid!,
    async anonymousSession() {
      const session = await fetch(`${url}/api/session`);
      const csrf = ((await session.json()) as { csrfToken: string }).csrfToken;
      const cookie = session.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      return { csrf, cookie };
    },
    stop,
  };
}

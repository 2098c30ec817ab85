import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, type AppDeps } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/platform/db/client.js';

// `tsx scripts/write-openapi.ts [file]` writes the OpenAPI document (default .openapi/openapi.json) as
// GET /api/openapi.json serves it, from the app builder on an empty in-memory database, without
// listening: `npm run lint:openapi` lints it with Redocly, `npm run check:openapi-client` generates a
// TypeScript client from it (docs/api.md). The configuration is the defaults (PUBLIC_URL is kept when
// set, for the servers entry), so the document does not depend on who writes it.

/** What building the document never reaches: a use fails loudly, naming the dependency. */
function unused<T>(name: string): T {
  return new Proxy({}, {
    get(_target, property) {
      throw new Error(`${name}.${String(property)} used while writing the OpenAPI document`);
    },
  }) as T;
}

export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const secret = 'openapi-document-0123456789abcdef0123456789';
  const config = loadConfig({ LOG_LEVEL: 'silent', VIGIE_SECRET: secret, ...(process.env.PUBLIC_URL ? { PUBLIC_URL: process.env.PUBLIC_URL } : {}) });
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    const deps: AppDeps = {
      config: { ...config, secret },
      database,
      outbox: unused('outbox'),
      sms: unused('sms'),
      jobs: unused('jobs'),
      uploads: unused('uploads'),
      antivirus: unused('antivirus'),
      webDistDir: 'web/dist',
    };
    const app = await buildApp(deps);
    try {
      await app.ready();
      return app.swagger() as unknown as Record<string, unknown>;
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = path.resolve(process.argv[2] ?? '.openapi/openapi.json');
  const document = await buildOpenApiDocument();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  const operations = Object.values(document.paths as Record<string, object>).reduce((n, item) => n + Object.keys(item).length, 0);
  console.log(`Document OpenAPI écrit : ${path.relative(process.cwd(), file)} (${operations} opérations)`);
}

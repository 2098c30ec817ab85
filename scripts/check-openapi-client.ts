import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import ts from 'typescript';
import { buildOpenApiDocument } from './write-openapi.js';

// `npm run check:openapi-client` (docs/api.md): generates the TypeScript types of the OpenAPI document
// with openapi-typescript into a temporary folder, then compiles against them, with the TypeScript
// compiler in strict mode, the small consumer below: what a partner's client would write. It fails when
// the document stops typing a call a client relies on: a body, an answer, a media type, the error
// envelope. Offline: the document comes from the app builder (scripts/write-openapi.ts), nothing is fetched.

const CONSUMER = `import type { components, operations, paths } from './schema.js';

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type ApiError = components['schemas']['ApiError'];

// POST /api/analyses: a typed body, a typed answer, and the error envelope whose codes are a closed union.
type AnalysisBody = NonNullable<paths['/api/analyses']['post']['requestBody']>['content']['application/json'];
type Analysis = Json<paths['/api/analyses']['post']['responses'][200]>;

export async function analyse(baseUrl: string, csrfToken: string, body: AnalysisBody): Promise<{ ok: true; analysis: Analysis } | { ok: false; error: ApiError['error'] }> {
  const res = await fetch(\`\${baseUrl}/api/analyses\`, {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
    body: JSON.stringify(body),
  });
  return res.ok ? { ok: true, analysis: (await res.json()) as Analysis } : { ok: false, error: ((await res.json()) as ApiError).error };
}

export async function verdictOf(baseUrl: string, csrfToken: string): Promise<string> {
  const result = await analyse(baseUrl, csrfToken, { kind: 'sms', text: 'Votre colis est bloqué, réglez 1,99 € sur le lien.' });
  if (result.ok) return \`\${result.analysis.verdictLabel} (\${result.analysis.findings.length} raisons)\`;
  switch (result.error.code) {
    case 'RATE_LIMITED':
      return \`réessayer dans \${result.error.details?.retryAfterSeconds ?? 60} s\`;
    case 'VALIDATION_FAILED':
      return (result.error.details?.fields ?? []).map((f) => \`\${f.path} : \${f.message}\`).join(', ');
    default:
      return result.error.message;
  }
}

// GET /api/entraide/helplines: public, with a typed query.
type HelplinesQuery = NonNullable<paths['/api/entraide/helplines']['get']['parameters']['query']>;
type Helplines = Json<paths['/api/entraide/helplines']['get']['responses'][200]>;

export async function helplines(baseUrl: string, query: HelplinesQuery): Promise<string[]> {
  const search = new URLSearchParams(query.departement ? { departement: query.departement } : {});
  const list = (await (await fetch(\`\${baseUrl}/api/entraide/helplines?\${search}\`)).json()) as Helplines;
  return [...list.emergency.map((e) => \`\${e.label} : \${e.number}\`), ...list.helplines.map((h) => \`\${h.name} : \${h.number} (\${h.hours})\`)];
}

// Downloads in their real media types, and no JSON where a file is sent.
type IndicatorExport = paths['/api/sharing/campaigns/{id}/indicators']['get']['responses'][200]['content'];
export const indicatorFormats: (keyof IndicatorExport)[] = ['text/csv', 'application/stix+json', 'application/json'];
export const csv: IndicatorExport['text/csv'] = 'type,valeur\\n';
type Dossier = paths['/api/sharing/reports/{id}/dossier']['get']['responses'][200]['content'];
export const dossierIsPdfOnly: 'application/json' extends keyof Dossier ? false : true = true;

// Operation ids, and the error answers of a guarded read.
export const dossierErrors: (keyof operations['getSharingReportsByIdDossier']['responses'])[] = [401, 403, 404, 429, 503, 'default'];
`;

const document = await buildOpenApiDocument();
const schema = astToString(await openapiTS(document as unknown as OpenAPI3, { silent: true }));
const outDir = mkdtempSync(path.join(tmpdir(), 'vigie-openapi-client-'));
writeFileSync(path.join(outDir, 'schema.d.ts'), schema);
writeFileSync(path.join(outDir, 'consumer.ts'), CONSUMER);
writeFileSync(path.join(outDir, 'package.json'), '{ "type": "module" }\n');

const program = ts.createProgram([path.join(outDir, 'consumer.ts')], {
  strict: true,
  noEmit: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: false,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
  types: [],
});
const diagnostics = ts.getPreEmitDiagnostics(program);
if (diagnostics.length) {
  const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n' };
  console.error(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  // Kept for reading: the generated types and the consumer the errors point at.
  console.error(`Le client généré ne compile pas avec son consommateur : ${diagnostics.length} erreur(s) (fichiers gardés dans ${outDir}).`);
  process.exit(1);
}
rmSync(outDir, { recursive: true, force: true });
const operations = Object.values(document.paths as Record<string, object>).reduce((n, item) => n + Object.keys(item).length, 0);
console.log(`Client TypeScript généré (${operations} opérations, ${schema.split('\n').length} lignes) et consommateur compilé sans erreur.`);

import type { LightMyRequestResponse } from 'fastify';
import type { Readable } from 'node:stream';
import type { TestApp } from './test-app.js';
import type { TestClient } from './test-client.js';

// Multipart filings as a browser sends them, for every module that takes files (reports, DPC signalements).
// Built by hand so a test can also send what a browser would not.

/** A file part of a hand-built multipart body. */
export interface FormFile {
  name: string;
  bytes: Buffer | Uint8Array;
  /** The part's field name (« attachments » unless a test wants another). */
  field?: string;
}

/** A Windows executable header (MZ … PE): refused by its content whatever its name. */
export function windowsExecutable(): Buffer {
  const exe = Buffer.alloc(512);
  exe.write('MZ', 0, 'latin1');
  exe.writeUInt32LE(0x80, 0x3c);
  exe.write('PE\0\0', 0x80, 'latin1');
  return exe;
}

/** Form parts of a body: nested objects by dotted names, lists as repeated parts, booleans as « true »/« false ». */
function formParts(value: Record<string, unknown>, prefix = ''): [string, string][] {
  return Object.entries(value).flatMap(([key, v]): [string, string][] => {
    const name = prefix ? `${prefix}.${key}` : key;
    if (v === undefined) return [];
    if (Array.isArray(v)) return v.map((item): [string, string] => [name, item === null ? '' : String(item)]);
    if (v !== null && typeof v === 'object') return formParts(v as Record<string, unknown>, name);
    return [[name, v === null ? '' : String(v)]];
  });
}

/** A multipart/form-data body: text fields first, then one part per file. */
export function multipartBody(fields: Record<string, unknown>, files: FormFile[] = []): { payload: Buffer; contentType: string } {
  const boundary = `----vigie${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of formParts(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'));
  }
  for (const file of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'attachments'}"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`, 'utf8'));
    chunks.push(Buffer.from(file.bytes), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The client's cookies, CSRF token and address, for a request TestClient cannot build (multipart). */
export function clientHeaders(client: TestClient): { headers: Record<string, string>; remoteAddress: string } {
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return { headers: { ...(cookie ? { cookie } : {}), ...(client.csrfToken ? { 'x-csrf-token': client.csrfToken } : {}) }, remoteAddress: client.ip };
}

/** Posts a multipart filing as the browser would (fields, then files), with the client's session. */
export function postForm(t: TestApp, client: TestClient, url: string, fields: Record<string, unknown>, files: FormFile[] = []): Promise<LightMyRequestResponse> {
  const { payload, contentType } = multipartBody(fields, files);
  const { headers, remoteAddress } = clientHeaders(client);
  return t.app.inject({ method: 'POST', url, remoteAddress, headers: { ...headers, 'content-type': contentType }, payload });
}

/** Posts a multipart body read from a stream the test controls (to hold an upload open). */
export function postFormStream(t: TestApp, client: TestClient, url: string, contentType: string, payload: Readable): Promise<LightMyRequestResponse> {
  const { headers, remoteAddress } = clientHeaders(client);
  return t.app.inject({ method: 'POST', url, remoteAddress, headers: { ...headers, 'content-type': contentType }, payload });
}

import { deflateSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import type { Readable } from 'node:stream';
import type { TestClient } from '../../test/test-client.js';
import type { TestApp } from '../../test/test-app.js';

// Small genuine files of each accepted type (and a few hostile ones) for the reports tests.

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid 2×2 grey PNG. */
export function tinyPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const pixels = Buffer.from([0, 0x80, 0x80, 0, 0x40, 0x40]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The start of a JFIF JPEG (SOI, APP0): what magic-byte detection reads. */
export function tinyJpeg(): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from('JFIF\0', 'latin1'),
    Buffer.from([0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
    Buffer.alloc(64, 0x11),
    Buffer.from([0xff, 0xd9]),
  ]);
}

export function tinyPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    'latin1',
  );
}

/** An OLE compound file header, as Outlook's .msg files start. */
export function tinyMsg(): Buffer {
  return Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
}

export const EML_TEXT = [
  'From: "Service DPC" <contact@andpc-validation.com>',
  'To: docteur@exemple.fr',
  'Subject: Validez vos droits DPC',
  'Date: Tue, 4 Nov 2025 10:00:00 +0100',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Bonjour Docteur, vos droits DPC expirent : connectez-vous sur https://andpc-validation.com/connexion avec vos identifiants.',
  '',
].join('\r\n');

export function tinyEml(): Buffer {
  return Buffer.from(EML_TEXT, 'utf8');
}

export function plainText(): Buffer {
  return Buffer.from('Appel reçu le 3 novembre : « Je suis de la direction de la certification, votre inscription va être suspendue. »\n', 'utf8');
}

export function latin1Text(): Buffer {
  return Buffer.from('Numéro appelant : 01 23 45 67 89 - démarchage pour un annuaire payant.\n', 'latin1');
}

/** A Windows executable header (MZ … PE). */
export function windowsExecutable(): Buffer {
  const exe = Buffer.alloc(512);
  exe.write('MZ', 0, 'latin1');
  exe.writeUInt32LE(0x80, 0x3c);
  exe.write('PE\0\0', 0x80, 'latin1');
  return exe;
}

export function elfExecutable(): Buffer {
  return Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120)]);
}

export function zipArchive(): Buffer {
  return Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]), Buffer.alloc(80)]);
}

export const EICAR_TEXT = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/** A file part of a hand-built multipart body. */
export interface FormFile {
  name: string;
  bytes: Buffer | Uint8Array;
  /** The part's field name (« attachments » unless a test wants another). */
  field?: string;
}

/**
 * A multipart/form-data body as a browser sends it: text fields first (lists as repeated parts,
 * booleans as « true »/« false »), then one part per file. Built by hand so tests can send what a
 * browser would not.
 */
export function multipartBody(fields: Record<string, unknown>, files: FormFile[] = []): { payload: Buffer; contentType: string } {
  const boundary = `----vigie${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${v === null ? '' : String(v)}\r\n`, 'utf8'));
    }
  }
  for (const file of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'attachments'}"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`, 'utf8'));
    chunks.push(Buffer.from(file.bytes));
    chunks.push(Buffer.from('\r\n'));
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

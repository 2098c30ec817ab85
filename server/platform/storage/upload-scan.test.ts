import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../test/factories.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { AppError } from '../errors.js';
import type { AuditContext } from '../audit/audit.js';
import type { Antivirus, ScanVerdict } from './antivirus.js';
import { scanStoredUploads, type InfectedUploadRefusal } from './upload-scan.js';
import { createLocalUploadStore, type UploadStore } from './upload-store.js';

// The one antivirus pass of every form that takes files: each stored file read back into the scanner,
// fail closed, and an infected file refused under the caller's own audit action and words.

const ctx: AuditContext = { actorId: null, actorRole: 'public', ip: '203.0.113.7', requestId: 'req-scan' };
const refusal: InfectedUploadRefusal = {
  action: 'reports.attachment.rejected',
  entityType: 'report_attachment',
  details: { source: 'formulaire', channel: 'sms' },
  message: (fileName, signature) => `Le fichier « ${fileName} » est infecté (${signature}).`,
};

/** An antivirus answering by the file's content, and remembering what it read. */
function scannerOf(verdicts: Record<string, ScanVerdict | 'panne'>): Antivirus & { read: string[] } {
  const read: string[] = [];
  return {
    read,
    async scan(source) {
      const chunks: Uint8Array[] = [];
      for await (const chunk of source instanceof Uint8Array ? [source] : source) chunks.push(chunk);
      const text = Buffer.concat(chunks).toString('utf8');
      read.push(text);
      const verdict = verdicts[text]!;
      if (verdict === 'panne') throw new Error('clamd: connection refused');
      return verdict;
    },
  };
}

describe('scanStoredUploads', () => {
  let t: TestDatabase;
  let dir: string;
  let uploads: UploadStore;
  const store = async (text: string, fileName: string) => ({ ...(await uploads.put(Buffer.from(text), { maxBytes: 1024 })), fileName, mediaType: 'text/plain' });

  beforeAll(async () => {
    t = await createTestDatabase();
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-scan-'));
    uploads = createLocalUploadStore(dir);
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers each file’s status, in order, reading the stored bytes', async () => {
    const antivirus = scannerOf({ propre: { status: 'sain' }, inconnu: { status: 'non_analyse' } });
    const files = [await store('propre', 'a.txt'), await store('inconnu', 'b.txt')];
    expect(await scanStoredUploads({ uploads, antivirus, database: t.database }, ctx, files, refusal)).toEqual(['sain', 'non_analyse']);
    expect(antivirus.read).toEqual(['propre', 'inconnu']);
  });

  it('refuses an infected file by its place in the form, in the caller’s words, audited under the caller’s action', async () => {
    const before = (await auditEntries(t.database, refusal.action)).length;
    const antivirus = scannerOf({ propre: { status: 'sain' }, virus: { status: 'infecte', signature: 'Eicar-Test-Signature' } });
    const files = [await store('propre', 'a.txt'), await store('virus', 'facture.txt'), await store('propre', 'c.txt')];
    const refused = await scanStoredUploads({ uploads, antivirus, database: t.database }, ctx, files, refusal).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({
      code: 'UPLOAD_REJECTED',
      message: 'Le fichier « facture.txt » est infecté (Eicar-Test-Signature).',
      details: { fields: [{ path: 'attachments.1', message: 'Le fichier « facture.txt » est infecté (Eicar-Test-Signature).' }] },
    });
    // The files after the infected one are not read: the whole form is refused.
    expect(antivirus.read).toEqual(['propre', 'virus']);
    const entries = await auditEntries(t.database, refusal.action);
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)).toMatchObject({
      entityType: 'report_attachment',
      actorRole: 'public',
      requestId: 'req-scan',
      details: { reason: 'infecte', signature: 'Eicar-Test-Signature', mediaType: 'text/plain', source: 'formulaire', channel: 'sms' },
    });
    // Neither the file's name nor anything of its content is in the audit entry.
    expect(JSON.stringify(entries.at(-1))).not.toContain('facture');
  });

  it('fails closed when the scanner cannot answer, or the stored file cannot be read back, auditing nothing', async () => {
    const before = (await auditEntries(t.database)).length;
    const unavailable = { code: 'SERVICE_UNAVAILABLE', message: "L'analyse antivirus des fichiers est momentanément indisponible. Réessayez dans quelques minutes." };
    const down = scannerOf({ propre: 'panne' });
    await expect(scanStoredUploads({ uploads, antivirus: down, database: t.database }, ctx, [await store('propre', 'a.txt')], refusal)).rejects.toMatchObject(unavailable);
    const gone = await store('propre', 'b.txt');
    await uploads.remove(gone.key);
    await expect(scanStoredUploads({ uploads, antivirus: scannerOf({ propre: { status: 'sain' } }), database: t.database }, ctx, [gone], refusal)).rejects.toMatchObject(unavailable);
    expect(await auditEntries(t.database)).toHaveLength(before);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/test-app.js';
import { TestClient } from '../../test/test-client.js';
import { buildUser, expectAudited } from '../../test/factories.js';
import { reportAttachments } from '../db/schema-reports.js';
import { buildReport, PNG_BYTES } from '../../modules/triage/triage.factories.js';
import { S3RVER_CREDENTIALS, startS3rver, type RunningS3rver } from './s3rver-harness.js';

/**
 * A report and its file stored by instance A (the files go through A's upload store, as the filing
 * service does), then downloaded by an agent whose requests the load balancer sends to instance B.
 */
async function fileOnADownloadOnB(a: TestApp, b: TestApp) {
  const bytes = Buffer.concat([Buffer.from(PNG_BYTES), Buffer.from(`capture ${Math.random()}`)]);
  const report = await buildReport(a.database, a.app.services.uploads, { attachments: [{ fileName: 'capture-sms.png', mediaType: 'image/png', bytes }] });
  const [file] = await a.database.db.select().from(reportAttachments).where(eq(reportAttachments.reportId, report.id));
  const agent = new TestClient(b.app);
  await agent.login(b.database, await buildUser(b.database, b.keys, { role: 'agent', departement: '75' }));
  const url = `/api/triage/reports/${report.id}/attachments/${file!.id}`;
  return { bytes, file: file!, url, agent, response: await agent.get(url) };
}

describe('uploads shared by every instance', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });
  async function pair(envA: Record<string, string>, envB: Record<string, string> = envA): Promise<[TestApp, TestApp]> {
    const a = await buildTestApp({ env: envA });
    const b = await buildTestApp({ shared: a, env: envB });
    cleanups.push(() => a.close(), () => b.close());
    return [a, b];
  }

  it('postgres store: an attachment filed on instance A is downloaded on instance B, audited', async () => {
    const [a, b] = await pair({ UPLOAD_STORE: 'postgres' });
    expect([a.app.services.uploads.kind, b.app.services.uploads.kind]).toEqual(['postgres', 'postgres']);
    const { response, bytes, file } = await fileOnADownloadOnB(a, b);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.rawPayload.equals(bytes)).toBe(true);
    expect(file.storageKey).toMatch(/^pg\//);
    await expectAudited(a.database, 'reports.attachment.read', file.id);
  });

  it('s3 store: the same, through the S3-compatible storage (s3rver)', async () => {
    let endpoint = process.env.VIGIE_TEST_S3_ENDPOINT;
    let bucket = process.env.VIGIE_TEST_S3_BUCKET ?? 'vigie-test';
    if (!endpoint) {
      const server: RunningS3rver = await startS3rver();
      cleanups.unshift(() => server.close());
      ({ endpoint, bucket } = server);
    }
    const env = { UPLOAD_STORE: 's3', S3_ENDPOINT: endpoint, S3_BUCKET: bucket, S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId, S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey };
    const [a, b] = await pair(env);
    const { response, bytes, file } = await fileOnADownloadOnB(a, b);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(bytes)).toBe(true);
    expect(file.storageKey).toMatch(/^s3\//);
  });

  it('a local folder per instance is the failure this prevents: the file is 404 on the other instance', async () => {
    // What every deployment did before shared stores: each instance with its own UPLOAD_DIR.
    const otherDir = mkdtempSync(path.join(tmpdir(), 'vigie-uploads-b-'));
    cleanups.push(async () => rmSync(otherDir, { recursive: true, force: true }));
    const [a, b] = await pair({ UPLOAD_STORE: 'local' }, { UPLOAD_STORE: 'local', UPLOAD_DIR: otherDir });
    const { response, url } = await fileOnADownloadOnB(a, b);
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
    // The same agent's request, had it reached instance A, would have had the file.
    const onA = new TestClient(a.app);
    await onA.login(a.database, await buildUser(a.database, a.keys, { role: 'agent', departement: '75' }));
    expect((await onA.get(url)).statusCode).toBe(200);
  });
});

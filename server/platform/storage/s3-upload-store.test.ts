import { randomUUID } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import type { Database } from '../db/client.js';
import { createUploadStore } from './create-upload-store.js';
import { createS3UploadStore, S3_PART_BYTES, S3_QUEUE_SIZE } from './s3-upload-store.js';
import { S3RVER_CREDENTIALS, startS3rver } from './s3rver-harness.js';
import { describeUploadStoreContract } from './upload-store.contract.js';

// `.ci/run` starts one s3rver for the whole PostgreSQL-server run; otherwise each file starts its own.
const external = process.env.VIGIE_TEST_S3_ENDPOINT ? { endpoint: process.env.VIGIE_TEST_S3_ENDPOINT, bucket: process.env.VIGIE_TEST_S3_BUCKET ?? 'vigie-test' } : null;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describeUploadStoreContract(`s3 (s3rver${external ? ', shared' : ', in-process'})`, async () => {
  const server = external ? null : await startS3rver();
  const endpoint = external?.endpoint ?? server!.endpoint;
  const bucket = external?.bucket ?? server!.bucket;
  // A prefix of its own, so other test files writing to a shared s3rver never show up in contents().
  const prefix = `contract-${randomUUID()}/`;
  const options = { endpoint, region: 'us-east-1', bucket, ...S3RVER_CREDENTIALS, forcePathStyle: true };
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
  return {
    store: createS3UploadStore({ ...options, prefix }),
    keyPattern: /^s3\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    unknownKey: `s3/${randomUUID()}`,
    contents: async () => {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
      return (listed.Contents ?? []).map((o) => o.Key!).sort();
    },
    // Parts on s3rver's disk count as written; only an in-process s3rver's directory can be looked at.
    storedBytes: server ? async () => filesUnder(server.directory).reduce((sum, f) => sum + statSync(f).size, 0) : undefined,
    // Parts being sent plus the one being assembled, plus the source stream's own small buffer.
    maxInFlightBytes: (S3_QUEUE_SIZE + 1) * S3_PART_BYTES + 2 * 1024 * 1024,
    close: async () => {
      client.destroy();
      await server?.close();
    },
  };
});

describe('s3 upload store configuration', () => {
  it('refuses UPLOAD_STORE=s3 without an endpoint, so files never go to a public cloud by default', () => {
    expect(() => loadConfig({ UPLOAD_STORE: 's3', S3_BUCKET: 'vigie-uploads' })).toThrow(/S3_ENDPOINT : obligatoire avec UPLOAD_STORE=s3/);
    const store = createUploadStore(loadConfig({ UPLOAD_STORE: 's3', S3_BUCKET: 'vigie-uploads', S3_ENDPOINT: 'http://127.0.0.1:1' }), {} as Database);
    expect(store.kind).toBe('s3');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

// s3rver ships no types; this is the little of its API the tests and scripts/test-s3rver.ts use.
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;
const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;

/** s3rver accepts its own fixed credentials (it checks request signatures). */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface RunningS3rver {
  endpoint: string;
  bucket: string;
  /** Where s3rver keeps objects and multipart parts. */
  directory: string;
  close(): Promise<void>;
}

/**
 * Starts s3rver, an S3-protocol server from npm, in this process on 127.0.0.1 (port 0 = any free port)
 * with a fresh temporary directory and the bucket already created. Test and CI use only: no cloud call.
 */
export async function startS3rver(options: { port?: number; bucket?: string } = {}): Promise<RunningS3rver> {
  const directory = mkdtempSync(path.join(tmpdir(), 'vigie-s3rver-'));
  const bucket = options.bucket ?? 'vigie-test';
  const server = new S3rver({ address: '127.0.0.1', port: options.port ?? 0, directory, silent: true, configureBuckets: [{ name: bucket }] });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket,
    directory,
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

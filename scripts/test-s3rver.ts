// Test and CI only: runs s3rver (an S3-protocol server from npm) on 127.0.0.1 so `npm run test:pg` can
// exercise UPLOAD_STORE=s3 without any cloud. Usage: tsx scripts/test-s3rver.ts [port] [bucket].
// Prints « s3rver prêt : <endpoint> <bucket> » once listening; stops (and deletes its data) on SIGTERM/SIGINT.
import { startS3rver } from '../server/platform/storage/s3rver-harness.js';

const port = Number(process.argv[2] ?? 0);
const bucket = process.argv[3] ?? 'vigie-test';
const server = await startS3rver({ port, bucket });
console.log(`s3rver prêt : ${server.endpoint} ${server.bucket}`);

const stop = () => {
  void server.close().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

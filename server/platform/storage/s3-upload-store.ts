import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { meteredChunks, newMeter, type UploadStore } from './upload-store.js';

export interface S3UploadStoreOptions {
  /** The council's own S3-compatible endpoint (https://s3.ordre.example); never a public cloud by default. */
  endpoint: string;
  region: string;
  bucket: string;
  /** Absent: the SDK's standard chain (AWS_* variables, credentials file, instance role). */
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  /** Most self-hosted stores (MinIO, Ceph, Garage) want http://host/bucket/key rather than bucket.host. */
  forcePathStyle: boolean;
  /** Object names are `<prefix><uuid>`; default `uploads/`. */
  prefix?: string;
}

/** S3's minimum multipart part: the unit lib-storage buffers. */
export const S3_PART_BYTES = 5 * 1024 * 1024;
/** Parts sent at once: memory per put is bounded by (S3_QUEUE_SIZE + 1) × S3_PART_BYTES. */
export const S3_QUEUE_SIZE = 2;
const KEY_PATTERN = /^s3\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * Upload bytes in an S3-compatible bucket, shared by every instance; keys are `s3/<uuid>`, stored as
 * objects `uploads/<uuid>`. The bucket must exist: creating it is the operator's job (the application's
 * credentials need no CreateBucket right), see docs/upload-storage.md.
 *
 * Memory: `put` streams the source as a multipart upload of unknown length, holding at most
 * (S3_QUEUE_SIZE + 1) parts of S3_PART_BYTES (about 15 MiB), whatever the file's size; `open` streams
 * the object as S3 sends it. Past `maxBytes` the upload is aborted, the object deleted if it was
 * written, and UploadTooLargeError thrown.
 */
export function createS3UploadStore(options: S3UploadStoreOptions): UploadStore {
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    credentials: options.accessKeyId && options.secretAccessKey ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } : undefined,
    // The default checksums (CRC32 trailers on streamed bodies) are not understood by every S3-compatible
    // store; the SHA-256 Vigie records is its own integrity check.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const prefix = options.prefix ?? 'uploads/';
  const objectOf = (key: string) => {
    const match = typeof key === 'string' ? KEY_PATTERN.exec(key) : null;
    if (!match) throw new Error('invalid upload key');
    return { Bucket: options.bucket, Key: `${prefix}${match[1]}` };
  };
  const getObject = async (key: string) => {
    const target = objectOf(key);
    try {
      const { Body } = await client.send(new GetObjectCommand(target));
      if (!Body) throw new Error('empty body');
      return Body;
    } catch (err) {
      const name = (err as { name?: string }).name;
      // Only the object's absence is « not found »; an unreachable store keeps its own error for the logs.
      if (name === 'NoSuchKey' || name === 'NotFound') throw new Error('upload not found', { cause: err });
      throw err;
    }
  };
  const deleteObject = async (key: string) => {
    await client.send(new DeleteObjectCommand(objectOf(key)));
  };

  return {
    kind: 's3',
    async put(source, putOptions = {}) {
      const key = `s3/${randomUUID()}`;
      const meter = newMeter();
      // The reason reading stopped (too large, uploader gone) is kept: a failed abort afterwards (some
      // S3-compatible stores lack AbortMultipartUpload) must not hide it.
      const reading: { error?: unknown } = {};
      const body = Readable.from(
        (async function* () {
          try {
            yield* meteredChunks(source, meter, putOptions.maxBytes);
          } catch (err) {
            reading.error = err;
            throw err;
          }
        })(),
      );
      const upload = new Upload({
        client,
        params: { ...objectOf(key), Body: body, ContentType: 'application/octet-stream' },
        partSize: S3_PART_BYTES,
        queueSize: S3_QUEUE_SIZE,
        leavePartsOnError: false,
      });
      try {
        await upload.done();
      } catch (err) {
        // Stops reading the source (a network failure leaves it mid-way) before cleaning up.
        body.destroy();
        await upload.abort().catch(() => undefined);
        await deleteObject(key).catch(() => undefined);
        throw reading.error ?? err;
      }
      return { key, sha256: meter.sha256.digest('hex'), sizeBytes: meter.sizeBytes };
    },
    async get(key) {
      return (await getObject(key)).transformToByteArray();
    },
    async open(key) {
      const body = await getObject(key);
      return body instanceof Readable ? body : Readable.fromWeb(body.transformToWebStream() as never);
    },
    async remove(key) {
      // S3 answers a DELETE of a missing object with success: removal is idempotent by nature.
      await deleteObject(key);
    },
  };
}

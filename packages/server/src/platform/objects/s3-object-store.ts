import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Readable } from 'node:stream';
import { attachmentDisposition } from './http-range.js';
import { checkObjectKey } from './object-key.js';
import { type ByteRange, type ObjectInfo, ObjectNotFoundError, type ObjectStore } from './object-store.js';

export interface S3ObjectStoreOptions {
  /** S3-compatible endpoint (MinIO, s3rver, ...); absent means AWS itself. */
  endpoint?: string | undefined;
  bucket: string;
  region: string;
  /** Absent: the SDK's default credential chain (environment, instance role, ...). */
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  forcePathStyle?: boolean;
  /** Part size when a stream is uploaded in parts; S3 needs at least 5 MiB. @default 8 MiB */
  partSizeBytes?: number;
}

const defaultContentType = 'application/octet-stream';
const minPartSize = 5 * 1024 * 1024;

/**
 * Objects in an S3 bucket (created when missing); `signedUrl` is a real pre-signed GET, so S3 itself
 * serves the bytes and ranges. A stream body is uploaded in parts, so it is never held in memory whole.
 *
 * @example
 * const store = await createS3ObjectStore({ endpoint: 'http://127.0.0.1:9000', bucket: 'floorplan',
 *   region: 'us-east-1', accessKeyId, secretAccessKey, forcePathStyle: true });
 * const url = await store.signedUrl('t1/media/call.wav', { expiresInSeconds: 300, downloadName: 'call.wav' });
 */
export async function createS3ObjectStore(options: S3ObjectStoreOptions): Promise<ObjectStore> {
  const partSize = options.partSizeBytes ?? 8 * 1024 * 1024;
  if (partSize < minPartSize) throw new RangeError(`partSizeBytes must be at least ${minPartSize}`);
  const client = new S3Client({
    region: options.region,
    forcePathStyle: options.forcePathStyle ?? false,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.accessKeyId && options.secretAccessKey
      ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } }
      : {}),
    // Checksums only where S3 requires them: S3-compatible stores often reject the newer defaults.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = options.bucket;
  await ensureBucket(client, Bucket);

  const putBuffer = async (key: string, body: Buffer, contentType: string) => {
    await client.send(new PutObjectCommand({ Bucket, Key: key, Body: body, ContentLength: body.length, ContentType: contentType }));
  };

  const putStream = async (key: string, body: Readable, contentType: string): Promise<number> => {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let total = 0;
    let uploadId: string | undefined;
    const parts: { ETag: string; PartNumber: number }[] = [];
    const uploadPart = async (part: Buffer) => {
      uploadId ??= (await client.send(new CreateMultipartUploadCommand({ Bucket, Key: key, ContentType: contentType }))).UploadId;
      const PartNumber = parts.length + 1;
      const out = await client.send(
        new UploadPartCommand({ Bucket, Key: key, UploadId: uploadId, PartNumber, Body: part, ContentLength: part.length }),
      );
      parts.push({ ETag: out.ETag ?? '', PartNumber });
    };
    try {
      for await (const chunk of body) {
        const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array | string);
        pending.push(bytes);
        pendingBytes += bytes.length;
        total += bytes.length;
        while (pendingBytes >= partSize) {
          const all = Buffer.concat(pending);
          await uploadPart(all.subarray(0, partSize));
          pending = [all.subarray(partSize)];
          pendingBytes = all.length - partSize;
        }
      }
      if (uploadId === undefined && parts.length === 0) {
        await putBuffer(key, Buffer.concat(pending), contentType);
        return total;
      }
      if (pendingBytes > 0) await uploadPart(Buffer.concat(pending));
      await client.send(
        new CompleteMultipartUploadCommand({ Bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts } }),
      );
      return total;
    } catch (error) {
      if (uploadId) await client.send(new AbortMultipartUploadCommand({ Bucket, Key: key, UploadId: uploadId })).catch(() => {});
      throw error;
    }
  };

  return {
    kind: 's3',

    async put(key, body, putOptions = {}): Promise<ObjectInfo> {
      checkObjectKey(key);
      const contentType = putOptions.contentType ?? defaultContentType;
      if (Buffer.isBuffer(body)) {
        await putBuffer(key, body, contentType);
        return { key, size: body.length, contentType };
      }
      return { key, size: await putStream(key, body, contentType), contentType };
    },

    async get(key, range) {
      checkObjectKey(key);
      if (range) checkRange(range);
      try {
        const out = await client.send(
          new GetObjectCommand({ Bucket, Key: key, ...(range ? { Range: `bytes=${range.start}-${range.end ?? ''}` } : {}) }),
        );
        if (!(out.Body instanceof Readable)) throw new Error('S3 GetObject returned no stream body');
        const total = /\/(\d+)$/.exec(out.ContentRange ?? '')?.[1];
        const size = total !== undefined ? Number(total) : (out.ContentLength ?? 0);
        return { info: { key, size, contentType: out.ContentType ?? defaultContentType }, body: out.Body };
      } catch (error) {
        if (errorName(error) === 'NoSuchKey' || statusOf(error) === 404) throw new ObjectNotFoundError(key);
        if (errorName(error) === 'InvalidRange' || statusOf(error) === 416) {
          throw new RangeError(`byte range starts at ${range?.start}, past the end of ${JSON.stringify(key)}`);
        }
        throw error;
      }
    },

    async head(key) {
      checkObjectKey(key);
      try {
        const out = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return { key, size: out.ContentLength ?? 0, contentType: out.ContentType ?? defaultContentType };
      } catch (error) {
        if (statusOf(error) === 404) return null;
        throw error;
      }
    },

    async delete(key) {
      checkObjectKey(key);
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },

    async signedUrl(key, { expiresInSeconds, downloadName }) {
      checkObjectKey(key);
      if (!(expiresInSeconds > 0)) throw new RangeError(`expiresInSeconds must be positive, got ${expiresInSeconds}`);
      const command = new GetObjectCommand({
        Bucket,
        Key: key,
        ...(downloadName === undefined ? {} : { ResponseContentDisposition: attachmentDisposition(downloadName) }),
      });
      return getSignedUrl(client, command, { expiresIn: Math.ceil(expiresInSeconds) });
    },
  };
}

async function ensureBucket(client: S3Client, Bucket: string): Promise<void> {
  try {
    await client.send(new HeadBucketCommand({ Bucket }));
    return;
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
  try {
    await client.send(new CreateBucketCommand({ Bucket }));
  } catch (error) {
    // Another node created it between our look and our create.
    if (errorName(error) !== 'BucketAlreadyOwnedByYou') throw error;
  }
}

function checkRange(range: ByteRange): void {
  if (!Number.isSafeInteger(range.start) || range.start < 0) throw new RangeError(`invalid byte range start ${range.start}`);
  if (range.end !== undefined && (!Number.isSafeInteger(range.end) || range.end < range.start)) {
    throw new RangeError(`invalid byte range ${range.start}-${range.end}`);
  }
}

function errorName(error: unknown): string | undefined {
  return (error as { name?: string } | null)?.name;
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

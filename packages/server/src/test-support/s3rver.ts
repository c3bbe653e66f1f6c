import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The slice of s3rver 3 (untyped CommonJS) this helper uses. */
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: { address: string; port: number; directory: string; silent: boolean }) => S3rverInstance;

export interface LocalS3 {
  /** e.g. `http://127.0.0.1:40123`; use path-style and credentials `S3RVER`/`S3RVER`. */
  endpoint: string;
  accessKeyId: 'S3RVER';
  secretAccessKey: 'S3RVER';
  close(): Promise<void>;
}

/**
 * Starts s3rver on a random port of 127.0.0.1 over a fresh temporary directory. Buckets need names of
 * three or more characters.
 *
 * @example
 * const s3 = await startS3rver();
 * const store = await createS3ObjectStore({ endpoint: s3.endpoint, bucket: 'objects', region: 'us-east-1',
 *   accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, forcePathStyle: true });
 * await s3.close();
 */
export async function startS3rver(): Promise<LocalS3> {
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;
  const directory = await mkdtemp(join(tmpdir(), 'floorplan-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

import { join } from 'node:path';
import type { Config } from '../../config.js';
import type { Clock } from '../clock.js';
import { createFsObjectStore } from './fs-object-store.js';
import type { ObjectStore } from './object-store.js';

export type ObjectStoreConfig = Pick<
  Config,
  'S3_ENDPOINT' | 'S3_BUCKET' | 'S3_REGION' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_FORCE_PATH_STYLE'
>;

export interface CreateObjectStoreOptions {
  /** Public base URL of this server (local signed URLs point at its `objectsRoutes`). */
  baseUrl: string;
  /** HMAC key of local signed URLs. */
  secret: string;
  /** The server's data directory; local objects live in `<dataDir>/objects`. */
  dataDir: string;
  clock?: Clock;
}

/**
 * The object store the configuration asks for: S3 when `S3_ENDPOINT` and `S3_BUCKET` are set, else
 * files under `<dataDir>/objects`.
 *
 * @example
 * const objects = await createObjectStore(config, { baseUrl, secret, dataDir: config.DATA_DIR });
 */
export async function createObjectStore(config: ObjectStoreConfig, options: CreateObjectStoreOptions): Promise<ObjectStore> {
  if (config.S3_ENDPOINT && config.S3_BUCKET) {
    // Loaded only when configured: the AWS SDK is large and the embedded default never needs it.
    const { createS3ObjectStore } = await import('./s3-object-store.js');
    return createS3ObjectStore({
      endpoint: config.S3_ENDPOINT,
      bucket: config.S3_BUCKET,
      region: config.S3_REGION,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
    });
  }
  return createFsObjectStore({
    dir: join(options.dataDir, 'objects'),
    baseUrl: options.baseUrl,
    secret: options.secret,
    ...(options.clock ? { clock: options.clock } : {}),
  });
}

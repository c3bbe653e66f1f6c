import type { Readable } from 'node:stream';

export interface ObjectInfo {
  key: string;
  size: number;
  contentType: string;
}

export interface ByteRange {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive; absent means to the end. */
  end?: number;
}

export interface PutOptions {
  contentType?: string;
}

export interface SignedUrlOptions {
  expiresInSeconds: number;
  /** Suggested file name for downloads (Content-Disposition). */
  downloadName?: string;
}

/** Files (extraction CSVs, media). Keys are `/`-separated and never start with `/`. */
export interface ObjectStore {
  readonly kind: 'fs' | 's3';
  put(key: string, body: Buffer | Readable, options?: PutOptions): Promise<ObjectInfo>;
  get(key: string, range?: ByteRange): Promise<{ info: ObjectInfo; body: Readable }>;
  head(key: string): Promise<ObjectInfo | null>;
  delete(key: string): Promise<void>;
  /** An absolute URL that serves the object (with HTTP Range) until it expires, without any other credential. */
  signedUrl(key: string, options: SignedUrlOptions): Promise<string>;
}

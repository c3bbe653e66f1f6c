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

/**
 * Files (extraction CSVs, media). Keys are `/`-separated and never start with `/` (see
 * `checkObjectKey`: no empty, `.` or `..` segments, no backslash or NUL); a bad key throws.
 */
export interface ObjectStore {
  readonly kind: 'fs' | 's3';
  /** Stores the whole body (a stream is not buffered whole); replaces an existing object atomically. */
  put(key: string, body: Buffer | Readable, options?: PutOptions): Promise<ObjectInfo>;
  /**
   * The object's bytes, or the `range` of them (an end past the object is clamped). `info` describes the
   * whole object. Throws ObjectNotFoundError when missing and RangeError when the range starts past it.
   */
  get(key: string, range?: ByteRange): Promise<{ info: ObjectInfo; body: Readable }>;
  head(key: string): Promise<ObjectInfo | null>;
  /** Removes the object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** An absolute URL that serves the object (with HTTP Range) until it expires, without any other credential. */
  signedUrl(key: string, options: SignedUrlOptions): Promise<string>;
}

/** Thrown by `ObjectStore.get` when no object has the key. */
export class ObjectNotFoundError extends Error {
  override readonly name = 'ObjectNotFoundError';
  constructor(readonly key: string) {
    super(`no object with key ${JSON.stringify(key)}`);
  }
}

/** Throws RangeError unless `range` is a sensible byte range; returns its inclusive end within `size`. */
export function rangeEnd(range: ByteRange, size: number): number {
  if (!Number.isSafeInteger(range.start) || range.start < 0) throw new RangeError(`invalid byte range start ${range.start}`);
  if (range.end !== undefined && (!Number.isSafeInteger(range.end) || range.end < range.start)) {
    throw new RangeError(`invalid byte range ${range.start}-${range.end}`);
  }
  if (range.start >= size) throw new RangeError(`byte range starts at ${range.start}, past the object's ${size} bytes`);
  return Math.min(range.end ?? size - 1, size - 1);
}

/** Durable background jobs (pg-boss on the same database as the data). */
export interface JobOptions {
  /** Deduplicates: a job with the same key that is still queued is not added again. */
  singletonKey?: string;
  startAfterSeconds?: number;
  retryLimit?: number;
}

export interface Job<T> {
  id: string;
  name: string;
  data: T;
}

export type JobHandler<T> = (jobs: Job<T>[]) => Promise<void>;

export interface Jobs {
  send<T extends object>(name: string, data: T, options?: JobOptions): Promise<string | null>;
  /** Handles jobs of `name`, up to `batchSize` per call; a throw retries the batch. */
  work<T extends object>(name: string, handler: JobHandler<T>, options?: { batchSize?: number }): Promise<void>;
  /** Stops taking jobs and waits for running handlers; calling it again returns the same promise. */
  stop(): Promise<void>;
}

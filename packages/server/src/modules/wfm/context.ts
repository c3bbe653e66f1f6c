import type { Registry } from 'prom-client';
import type { Config } from '../../config.js';
import type { Platform } from '../../platform/create-platform.js';
import type { IngestService } from '../wfm-ingest/service.js';
import type { SetupCache } from './setup/setup-cache.js';

/** What every part of the WFM engine is built from (one per app, created in `engine.ts`). */
export interface WfmContext {
  readonly platform: Platform;
  readonly config: Config;
  readonly ingest: IngestService;
  readonly metrics: Registry;
  readonly setup: SetupCache;
}

import type { Bus } from './bus.js';
import { createMemoryBus } from './memory-bus.js';
import { createNatsBus, type NatsBusOptions } from './nats-bus.js';

export interface CreateBusOptions {
  /** Receives what a subscriber's handler threw; delivery goes on either way. */
  onError?: (error: unknown) => void;
  /** See {@link NatsBusOptions.subjectPrefix}; only NATS uses it. */
  subjectPrefix?: string;
}

/**
 * The bus the configuration asks for: NATS JetStream when `NATS_URL` is set, else in-process.
 *
 * @example
 * const bus = await createBus(config, { onError: (e) => app.log.error(e, 'bus handler failed') });
 */
export async function createBus(
  config: { NATS_URL?: string | undefined; NATS_STREAM: string },
  options: CreateBusOptions = {},
): Promise<Bus> {
  if (config.NATS_URL) return createNatsBus({ url: config.NATS_URL, stream: config.NATS_STREAM, ...options });
  // The prefix only separates deployments on a shared NATS server; in one process there is nothing to separate.
  return createMemoryBus({ ...(options.onError ? { onError: options.onError } : {}) });
}

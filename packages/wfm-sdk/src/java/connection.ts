import { connectWfm, type Receipt, type WfmClient } from '../client.js';
import { localError, type CXoneWfmException } from '../errors.js';
import type { WFMConnectionConfig } from './config.js';

let latest: WFMConnection | null = null;
const instances = new Map<string, WFMConnection>();

/**
 * One connection per (service URL, access key), as `WFMConnection.getConnection(cfg)` in the
 * vendor's sample. The services (`AgentStatesServiceImpl`, `ReportServiceImpl`) use the most
 * recently connected one.
 */
export class WFMConnection {
  #client: WfmClient | null = null;

  private constructor(readonly config: WFMConnectionConfig) {}

  static getConnection(config: WFMConnectionConfig): WFMConnection {
    const key = `${config.serviceUrl}\u0000${config.accessKey}`;
    let c = instances.get(key);
    if (!c) instances.set(key, (c = new WFMConnection(config)));
    return c;
  }

  async connect(): Promise<void> {
    if (!this.#client) this.#client = await connectWfm(this.config.toOptions());
    latest = this;
  }

  isConnected(): boolean {
    return this.#client !== null;
  }

  /** Flushes and closes (the idiomatic `close()`). */
  async disconnect(): Promise<{ pending: number }> {
    const client = this.#client;
    this.#client = null;
    if (latest === this) latest = null;
    return client ? client.close() : { pending: 0 };
  }

  /** The idiomatic client underneath, for what the Java shape has no name for (events, stats). */
  client(): WfmClient {
    if (!this.#client) throw localError('NOT_CONNECTED', 'call connect() first');
    return this.#client;
  }

  /**
   * Resolves on the server's 200; rejects with the permanent failure, or with DELIVERY_PENDING
   * (retryable) when not delivered within the configured time; the record stays queued then.
   */
  async deliver(receipt: Receipt): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), this.config.deliveryTimeoutMs)));
    const outcome = await Promise.race([receipt.delivered, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') throw localError('DELIVERY_PENDING', `not delivered within ${this.config.deliveryTimeoutMs} ms; still queued and retried`, [], true);
    if (!outcome.ok) throw outcome.error satisfies CXoneWfmException;
  }

  /** The connection the services use; rejects NOT_CONNECTED before any connect(). */
  static current(): WFMConnection {
    if (!latest?.isConnected()) throw localError('NOT_CONNECTED', 'no WFMConnection is connected; call WFMConnection.getConnection(cfg).connect() first');
    return latest;
  }
}

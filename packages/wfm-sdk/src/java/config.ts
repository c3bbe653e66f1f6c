import { inspect } from 'node:util';
import type { WfmOptions } from '../options.js';

/** The built configuration (the vendor SDK's `WFMConnectionConfig`). The secret never prints. */
export class WFMConnectionConfig {
  readonly #secret: string;

  constructor(
    readonly serviceUrl: string,
    readonly accessKey: string,
    secretKey: string,
    readonly tenantName: string | undefined,
    readonly outboxDir: string | undefined,
    readonly heartbeatSeconds: number | undefined,
    readonly deliveryTimeoutMs: number,
  ) {
    this.#secret = secretKey;
  }

  /** Options for the idiomatic client. */
  toOptions(): WfmOptions {
    return {
      serviceUrl: this.serviceUrl,
      accessKeyId: this.accessKey,
      accessKeySecret: this.#secret,
      ...(this.tenantName ? { tenantName: this.tenantName } : {}),
      ...(this.outboxDir ? { outboxDir: this.outboxDir } : {}),
      ...(this.heartbeatSeconds ? { heartbeatSeconds: this.heartbeatSeconds } : {}),
    };
  }

  toJSON(): Record<string, unknown> {
    return { serviceUrl: this.serviceUrl, accessKey: this.accessKey, secretKey: '[redacted]', tenantName: this.tenantName, outboxDir: this.outboxDir, heartbeatSeconds: this.heartbeatSeconds, deliveryTimeoutMs: this.deliveryTimeoutMs };
  }

  toString(): string {
    return `WFMConnectionConfig(${JSON.stringify(this.toJSON())})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/**
 * Builder of {@link WFMConnectionConfig}, line for line as in the vendor's Java sample.
 *
 * @example
 * const cfg = new WFMConnectionConfigBuilder().setServiceUrl(url).setAccessKey(id).setSecretKey(secret).build();
 */
export class WFMConnectionConfigBuilder {
  #serviceUrl = '';
  #accessKey = '';
  #secretKey = '';
  #tenantName: string | undefined;
  #outboxDir: string | undefined;
  #heartbeatSeconds: number | undefined;
  #deliveryTimeoutMs = 30_000;

  setServiceUrl(url: string): this {
    this.#serviceUrl = url;
    return this;
  }
  setAccessKey(accessKeyId: string): this {
    this.#accessKey = accessKeyId;
    return this;
  }
  setSecretKey(secret: string): this {
    this.#secretKey = secret;
    return this;
  }
  setTenantName(tenantName: string): this {
    this.#tenantName = tenantName;
    return this;
  }
  setOutboxDir(dir: string): this {
    this.#outboxDir = dir;
    return this;
  }
  setHeartbeatSeconds(seconds: number): this {
    this.#heartbeatSeconds = seconds;
    return this;
  }
  /** How long `process*` waits for the server's 200 before rejecting with DELIVERY_PENDING (the data stays queued). */
  setDeliveryTimeoutMs(ms: number): this {
    this.#deliveryTimeoutMs = ms;
    return this;
  }
  build(): WFMConnectionConfig {
    return new WFMConnectionConfig(this.#serviceUrl, this.#accessKey, this.#secretKey, this.#tenantName, this.#outboxDir, this.#heartbeatSeconds, this.#deliveryTimeoutMs);
  }
}

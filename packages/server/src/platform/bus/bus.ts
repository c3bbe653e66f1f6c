/**
 * Live event fan-out. Subjects are dot-separated tokens (`floorplan.<tenantId>.wfm.acd.agentState`);
 * subscriptions may use `*` (one token) and `>` (one or more trailing tokens), as in NATS.
 * Delivery is at-most-once for subscribers that were not listening: consumers rebuild from the
 * database after a restart.
 */
export interface BusMessage<T = unknown> {
  subject: string;
  data: T;
}

export type BusHandler = (message: BusMessage) => void | Promise<void>;

export interface Subscription {
  unsubscribe(): Promise<void>;
}

export interface Bus {
  readonly kind: 'memory' | 'nats';
  publish(subject: string, data: unknown): Promise<void>;
  subscribe(pattern: string, handler: BusHandler): Promise<Subscription>;
  close(): Promise<void>;
}

/** Subject of a tenant-scoped event: one topic per tenant and event type. */
export function tenantSubject(tenantId: string, event: string): string {
  return `floorplan.${tenantId}.${event}`;
}

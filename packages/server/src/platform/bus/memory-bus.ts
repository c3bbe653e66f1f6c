import type { Bus, BusHandler, BusMessage, Subscription } from './bus.js';
import { checkPattern, checkPublishSubject, subjectMatches } from './subject-match.js';

export interface MemoryBusOptions {
  /** Receives what a handler threw (or rejected with); the bus keeps delivering either way. */
  onError?: (error: unknown, message?: BusMessage) => void;
}

const roots = ['floorplan.>'];

interface MemorySubscription {
  pattern: string;
  handler: BusHandler;
  active: boolean;
  /** Delivery chain: each message waits for the previous one, so a subscription sees publish order. */
  tail: Promise<void>;
}

/**
 * The in-process bus of a single server: fan-out to the subscribers of this process only. Payloads
 * go through JSON like on NATS, so subscribers get their own copy and the same shapes as there.
 *
 * @example
 * const bus = createMemoryBus({ onError: (e) => log.error(e) });
 * await bus.subscribe('floorplan.*.wfm.>', ({ subject, data }) => console.log(subject, data));
 * await bus.publish(tenantSubject('t1', 'wfm.rta'), { agentId: 7 });
 */
export function createMemoryBus(options: MemoryBusOptions = {}): Bus {
  const subscriptions = new Set<MemorySubscription>();
  let closed = false;

  const deliver = (sub: MemorySubscription, subject: string, json: string): void => {
    sub.tail = sub.tail.then(async () => {
      if (!sub.active) return;
      const message: BusMessage = { subject, data: JSON.parse(json) as unknown };
      try {
        await sub.handler(message);
      } catch (error) {
        reportError(options, error, message);
      }
    });
  };

  return {
    kind: 'memory',
    async publish(subject, data) {
      if (closed) throw new Error('bus is closed');
      checkPublishSubject(subject, roots);
      // Serialised before fan-out so an unserialisable payload fails the publisher, as on NATS.
      const json = JSON.stringify(data ?? null);
      for (const sub of subscriptions) if (subjectMatches(sub.pattern, subject)) deliver(sub, subject, json);
    },
    async subscribe(pattern, handler): Promise<Subscription> {
      if (closed) throw new Error('bus is closed');
      checkPattern(pattern, roots);
      const sub: MemorySubscription = { pattern, handler, active: true, tail: Promise.resolve() };
      subscriptions.add(sub);
      return {
        // Not waiting for a running handler: a handler may unsubscribe itself.
        async unsubscribe() {
          sub.active = false;
          subscriptions.delete(sub);
        },
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      // Drain: what was published before close still reaches its subscribers.
      const pending = [...subscriptions];
      subscriptions.clear();
      await Promise.all(pending.map((s) => s.tail));
      for (const s of pending) s.active = false;
    },
  };
}

function reportError(options: MemoryBusOptions, error: unknown, message: BusMessage): void {
  try {
    options.onError?.(error, message);
  } catch {
    // An error reporter that throws must not stop the subscription either.
  }
}

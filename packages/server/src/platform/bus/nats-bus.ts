import {
  connect,
  DeliverPolicy,
  type JetStreamManager,
  JSONCodec,
  type NatsError,
  nanos,
  StorageType,
} from 'nats';
import type { Bus, BusMessage, Subscription } from './bus.js';
import { checkPattern, checkPublishSubject, isValidSubject } from './subject-match.js';

export interface NatsBusOptions {
  /** Server URL(s), comma-separated, e.g. `nats://127.0.0.1:4222`. */
  url: string;
  /** JetStream stream that carries the events; created when missing. */
  stream: string;
  /**
   * Tokens put before every subject on the wire (`<prefix>.floorplan.…`), and so before the stream's
   * subjects. NATS refuses two streams with overlapping subjects: deployments (or test files) that
   * share a server either share one stream or each use their own prefix and stream. Subscribers see
   * subjects without it.
   */
  subjectPrefix?: string;
  /**
   * Receives what a handler threw or a message that is not JSON (with the message; the subscription
   * keeps going), and a consumer that failed for good (without one).
   */
  onError?: (error: unknown, message?: BusMessage) => void;
}

/** What the bus carries, as on the memory bus; the stream captures these (behind the prefix). */
const roots = ['floorplan.>'];
const maxAgeMs = 24 * 60 * 60 * 1000;
const streamNotFound = 10059;
const streamNameInUse = 10058;

/**
 * The bus across server nodes: NATS JetStream. Each subscription is an ordered ephemeral consumer
 * that starts after the last message in the stream, so it sees only what is published after
 * `subscribe` resolves, in stream order.
 *
 * @example
 * const bus = await createNatsBus({ url: 'nats://127.0.0.1:4222', stream: 'FLOORPLAN' });
 * await bus.subscribe('floorplan.t1.>', ({ subject, data }) => console.log(subject, data));
 * await bus.publish('floorplan.t1.wfm.rta', { agentId: 7 }); // resolves on the JetStream ack
 */
export async function createNatsBus(options: NatsBusOptions): Promise<Bus> {
  const prefix = options.subjectPrefix;
  if (prefix !== undefined && !isValidSubject(prefix)) throw new Error(`invalid NATS subject prefix "${prefix}"`);
  const wire = (subject: string) => (prefix === undefined ? subject : `${prefix}.${subject}`);
  const unwire = (subject: string) => (prefix === undefined ? subject : subject.slice(prefix.length + 1));
  const nc = await connect({ servers: options.url.split(','), name: 'floorplan', maxReconnectAttempts: -1 });
  try {
    const jsm = await nc.jetstreamManager();
    await ensureStream(jsm, options.stream, roots.map(wire));
    const js = nc.jetstream();
    const codec = JSONCodec<unknown>();
    const active = new Set<() => Promise<void>>();

    const report = (error: unknown, message?: BusMessage) => {
      try {
        options.onError?.(error, message);
      } catch {
        // An error reporter that throws must not stop the subscription either.
      }
    };

    return {
      kind: 'nats',
      async publish(subject, data) {
        checkPublishSubject(subject, roots);
        await js.publish(wire(subject), codec.encode(data ?? null));
      },
      async subscribe(pattern, handler): Promise<Subscription> {
        checkPattern(pattern, roots);
        // Start after the stream's last message rather than with deliver policy `new`: an ordered
        // consumer that is recreated (after a missed heartbeat) before its first message resumes from
        // its cursor, and with `new` that cursor is 0, which would replay the whole stream.
        const { state } = await jsm.streams.info(options.stream);
        const consumer = await js.consumers.get(options.stream, {
          filterSubjects: wire(pattern),
          deliver_policy: DeliverPolicy.StartSequence,
          opt_start_seq: state.last_seq + 1,
        });
        // Resolves once the consumer exists on the server, so later publishes are seen.
        const messages = await consumer.consume();
        let running = true;
        void (async () => {
          for await (const m of messages) {
            if (!running) break;
            let message: BusMessage = { subject: unwire(m.subject), data: undefined };
            try {
              message = { subject: message.subject, data: codec.decode(m.data) };
              await handler(message);
            } catch (error) {
              report(error, message);
            }
          }
        })().catch((error: unknown) => report(error));
        const stop = async () => {
          if (!running) return;
          running = false;
          active.delete(stop);
          await messages.close().catch(() => {});
          await consumer.delete().catch(() => {});
        };
        active.add(stop);
        // Not waiting for a running handler: a handler may unsubscribe itself.
        return { unsubscribe: stop };
      },
      async close() {
        if (nc.isClosed()) return;
        await Promise.all([...active].map((stop) => stop()));
        await nc.drain();
      },
    };
  } catch (error) {
    await nc.close();
    throw error;
  }
}

/** Creates the stream, or brings an existing one's subjects and age limit in line. */
async function ensureStream(jsm: JetStreamManager, name: string, subjects: string[]): Promise<void> {
  const wanted = { subjects, max_age: nanos(maxAgeMs) };
  try {
    const info = await jsm.streams.info(name);
    const same =
      info.config.max_age === wanted.max_age &&
      info.config.subjects?.length === subjects.length &&
      subjects.every((s) => info.config.subjects?.includes(s));
    if (!same) await jsm.streams.update(name, wanted);
    return;
  } catch (error) {
    if (apiErrorCode(error) !== streamNotFound) throw error;
  }
  try {
    await jsm.streams.add({ name, storage: StorageType.File, ...wanted });
  } catch (error) {
    // Another node created it between our look and our add: theirs is as good as ours.
    if (apiErrorCode(error) !== streamNameInUse) throw error;
  }
}

function apiErrorCode(error: unknown): number | undefined {
  return (error as Partial<NatsError> | null)?.api_error?.err_code;
}

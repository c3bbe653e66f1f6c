import { connect, StorageType, nanos } from 'nats';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testNatsUrl, testTarget, uniqueName } from '../../test-support/test-target.js';
import { type Bus, type BusMessage, tenantSubject } from './bus.js';
import { createBus } from './create-bus.js';
import { createMemoryBus } from './memory-bus.js';
import { createNatsBus } from './nats-bus.js';

const target = testTarget();
// NATS refuses two streams with overlapping subjects, so this file's stream lives behind its own
// subject prefix: it never collides with parallel files or with a shared `floorplan.>` stream.
const run = uniqueName('bus');
const stream = run.toUpperCase();
const subjectPrefix = run;
const tenantA = 'tenant-a';
const tenantB = 'tenant-b';

const opened: Bus[] = [];
async function openBus(onError?: (error: unknown, message?: BusMessage) => void): Promise<Bus> {
  const bus =
    target === 'embedded'
      ? createMemoryBus({ onError })
      : await createNatsBus({ url: testNatsUrl, stream, subjectPrefix, onError });
  opened.push(bus);
  return bus;
}

/** Records what a subscription receives and waits for an exact count. */
function recorder() {
  const received: BusMessage[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  return {
    received,
    handler: (m: BusMessage) => {
      received.push(m);
      for (const w of waiters) if (received.length >= w.n) w.resolve();
    },
    async waitFor(n: number, timeoutMs = 5000): Promise<void> {
      if (received.length >= n) return;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`expected ${n} messages, got ${received.length} after ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
  };
}

const data = (m: BusMessage) => m.data;
const ev = (tenant: string, event: string) => tenantSubject(tenant, event);

beforeAll(async () => {
  // Fails loudly when NATS is not running; the suite is never skipped.
  if (target === 'services') await (await openBus()).close();
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((b) => b.close()));
});

afterAll(async () => {
  if (target !== 'services') return;
  const nc = await connect({ servers: testNatsUrl });
  await (await nc.jetstreamManager()).streams.delete(stream);
  await nc.close();
});

describe(`bus (${target})`, () => {
  it('is the adapter of the target', async () => {
    expect((await openBus()).kind).toBe(target === 'embedded' ? 'memory' : 'nats');
  });

  it('delivers a message on its exact subject with its JSON payload', async () => {
    const bus = await openBus();
    const r = recorder();
    const other = recorder();
    await bus.subscribe(ev(tenantA, 'wfm.rta'), r.handler);
    await bus.subscribe(ev(tenantA, 'wfm.rtax'), other.handler);
    await bus.publish(ev(tenantA, 'wfm.rta'), { agentId: 7, at: new Date('2024-04-17T10:00:00Z'), tags: ['x'] });
    await bus.publish(ev(tenantA, 'wfm.rtax'), null);
    await r.waitFor(1);
    await other.waitFor(1);
    expect(r.received).toEqual([
      { subject: `floorplan.${tenantA}.wfm.rta`, data: { agentId: 7, at: '2024-04-17T10:00:00.000Z', tags: ['x'] } },
    ]);
    expect(other.received).toEqual([{ subject: `floorplan.${tenantA}.wfm.rtax`, data: null }]);
  });

  it('matches `*` to one token and `>` to one or more trailing tokens', async () => {
    const bus = await openBus();
    const star = recorder();
    const gt = recorder();
    const all = recorder();
    await bus.subscribe('floorplan.*.wfm.rta', star.handler);
    await bus.subscribe(`floorplan.${tenantA}.wfm.>`, gt.handler);
    await bus.subscribe(`floorplan.${tenantA}.>`, all.handler);
    await bus.publish(ev(tenantA, 'wfm.rta'), 1);
    await bus.publish(ev(tenantB, 'wfm.rta'), 2);
    await bus.publish(ev(tenantA, 'wfm.rta.detail'), 3);
    await bus.publish(ev(tenantA, 'wfm'), 4);
    await bus.publish(ev(tenantA, 'acd.contact'), 5);
    await star.waitFor(2);
    await gt.waitFor(2);
    await all.waitFor(4);
    // A last message every subscription sees proves nothing else is still on its way.
    await bus.publish(ev(tenantA, 'wfm.rta'), 6);
    await star.waitFor(3);
    await gt.waitFor(3);
    await all.waitFor(5);
    expect(star.received.map(data)).toEqual([1, 2, 6]);
    expect(star.received.map((m) => m.subject)).toEqual([
      `floorplan.${tenantA}.wfm.rta`,
      `floorplan.${tenantB}.wfm.rta`,
      `floorplan.${tenantA}.wfm.rta`,
    ]);
    expect(gt.received.map(data)).toEqual([1, 3, 6]);
    expect(all.received.map(data)).toEqual([1, 3, 4, 5, 6]);
  });

  it("never shows a subscriber of tenant A's subjects tenant B's events", async () => {
    const bus = await openBus();
    const a = recorder();
    const b = recorder();
    await bus.subscribe(`floorplan.${tenantA}.>`, a.handler);
    await bus.subscribe(`floorplan.${tenantB}.>`, b.handler);
    for (let i = 0; i < 5; i++) await bus.publish(ev(tenantB, 'wfm.rta'), { tenant: 'B', i });
    await bus.publish(ev(tenantA, 'wfm.rta'), { tenant: 'A', i: 0 });
    await a.waitFor(1);
    await b.waitFor(5);
    expect(a.received.map(data)).toEqual([{ tenant: 'A', i: 0 }]);
    expect(b.received.map(data)).toEqual([0, 1, 2, 3, 4].map((i) => ({ tenant: 'B', i })));
  });

  it('keeps publish order for 1,000 messages, also with an async handler', async () => {
    const bus = await openBus();
    const seen: number[] = [];
    const r = recorder();
    await bus.subscribe(ev(tenantA, 'order.>'), async (m) => {
      // An await inside the handler must not let the next message overtake this one.
      if ((m.data as number) % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
      seen.push(m.data as number);
      r.handler(m);
    });
    for (let i = 0; i < 1000; i++) await bus.publish(ev(tenantA, `order.${i % 3}`), i);
    await r.waitFor(1000, 20_000);
    expect(seen).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('stops delivering to a subscription once unsubscribed', async () => {
    const bus = await openBus();
    const gone = recorder();
    const stays = recorder();
    const sub = await bus.subscribe(ev(tenantA, 'unsub'), gone.handler);
    await bus.subscribe(ev(tenantA, 'unsub'), stays.handler);
    await bus.publish(ev(tenantA, 'unsub'), 1);
    await gone.waitFor(1);
    await sub.unsubscribe();
    await bus.publish(ev(tenantA, 'unsub'), 2);
    await bus.publish(ev(tenantA, 'unsub'), 3);
    await stays.waitFor(3);
    // The other subscription has both; give the removed one a moment to (wrongly) catch up.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(gone.received.map(data)).toEqual([1]);
    expect(stays.received.map(data)).toEqual([1, 2, 3]);
  });

  it('keeps delivering after a handler throws, reporting the error with its message', async () => {
    const errors: { error: unknown; message?: BusMessage }[] = [];
    const bus = await openBus((error, message) => errors.push({ error, message }));
    const r = recorder();
    const bystander = recorder();
    await bus.subscribe(ev(tenantA, 'throw'), async (m) => {
      r.handler(m);
      if (m.data === 1) throw new Error('handler failed on 1');
    });
    await bus.subscribe(ev(tenantA, 'throw'), bystander.handler);
    await bus.publish(ev(tenantA, 'throw'), 1);
    await bus.publish(ev(tenantA, 'throw'), 2);
    await bus.publish(ev(tenantA, 'throw'), 3);
    await r.waitFor(3);
    await bystander.waitFor(3);
    expect(r.received.map(data)).toEqual([1, 2, 3]);
    expect(bystander.received.map(data)).toEqual([1, 2, 3]);
    expect(errors).toHaveLength(1);
    expect((errors[0]?.error as Error).message).toBe('handler failed on 1');
    expect(errors[0]?.message).toEqual({ subject: `floorplan.${tenantA}.throw`, data: 1 });
  });

  it('does not deliver messages published before the subscription', async () => {
    const bus = await openBus();
    await bus.publish(ev(tenantA, 'late'), 'before');
    const r = recorder();
    await bus.subscribe(ev(tenantA, 'late'), r.handler);
    await bus.publish(ev(tenantA, 'late'), 'after');
    await r.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(r.received.map(data)).toEqual(['after']);
  });

  it('delivers across two bus instances (two server nodes) when on NATS, and within one in memory', async () => {
    const publisher = await openBus();
    const listener = target === 'services' ? await openBus() : publisher;
    const r = recorder();
    await listener.subscribe(ev(tenantB, 'nodes'), r.handler);
    await publisher.publish(ev(tenantB, 'nodes'), { hello: 'node' });
    await r.waitFor(1);
    expect(r.received).toEqual([{ subject: `floorplan.${tenantB}.nodes`, data: { hello: 'node' } }]);
  });

  it('rejects wildcard or out-of-stream subjects on publish and malformed patterns on subscribe', async () => {
    const bus = await openBus();
    await expect(bus.publish(`floorplan.${tenantA}.*`, 1)).rejects.toThrow(`invalid bus subject "floorplan.${tenantA}.*"`);
    await expect(bus.publish('acd.t1.x', 1)).rejects.toThrow('bus subject "acd.t1.x" is outside');
    await expect(bus.subscribe('floorplan.>.x', () => {})).rejects.toThrow('invalid bus subscription pattern');
    await expect(bus.subscribe('acd.>', () => {})).rejects.toThrow('bus subscription pattern "acd.>" is outside');
  });

  it('refuses to publish or subscribe after close', async () => {
    const bus = await openBus();
    await bus.close();
    await expect(bus.publish(ev(tenantA, 'closed'), 1)).rejects.toThrow();
    await expect(bus.subscribe(ev(tenantA, 'closed'), () => {})).rejects.toThrow();
  });
});

describe(`createBus (${target})`, () => {
  it('picks NATS when NATS_URL is set and memory otherwise', async () => {
    const memory = await createBus({ NATS_STREAM: 'FLOORPLAN' });
    expect(memory.kind).toBe('memory');
    await memory.close();
    if (target !== 'services') return;
    // Attaches to the stream this file's suite created (an existing stream is kept, not replaced).
    const nats = await createBus({ NATS_URL: testNatsUrl, NATS_STREAM: stream }, { subjectPrefix });
    expect(nats.kind).toBe('nats');
    await nats.close();
    const nc = await connect({ servers: testNatsUrl });
    const info = await (await nc.jetstreamManager()).streams.info(stream);
    await nc.close();
    expect(info.config.subjects).toEqual([`${subjectPrefix}.floorplan.>`]);
    expect(info.config.storage).toBe(StorageType.File);
    expect(info.config.max_age).toBe(nanos(24 * 60 * 60 * 1000));
  });
});

import fc from 'fast-check';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFileOutbox } from './file-outbox.js';
import type { Outbox } from './outbox.js';

type Op = { append: number } | { ack: number } | { deadLetter: number } | { reopen: true };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }).map((n) => ({ append: n })) },
  { weight: 4, arbitrary: fc.nat({ max: 99 }).map((i) => ({ ack: i })) },
  { weight: 1, arbitrary: fc.nat({ max: 99 }).map((i) => ({ deadLetter: i })) },
  { weight: 1, arbitrary: fc.constant({ reopen: true as const }) },
);

/** Seqs stored in each segment file, by file name. */
async function segmentSeqs(dir: string): Promise<number[][]> {
  const files = (await readdir(dir)).filter((f) => f.startsWith('seg-'));
  const texts = await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')));
  return texts.map((t) => t.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { seq: number }).seq));
}

describe('file outbox (property)', () => {
  it('after any interleaving of appends, acks and reopens, pending is appended minus acked, in seq order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 30 }), async (ops) => {
        const dir = await mkdtemp(join(tmpdir(), 'floorplan-outbox-prop-'));
        const open = () => openFileOutbox({ dir, maxBytes: 2 ** 30, segmentBytes: 600 });
        let outbox: Outbox = await open();
        try {
          const live = new Set<number>();
          let highest = 0;
          for (const step of ops) {
            if ('append' in step) {
              const items = Array.from({ length: step.append }, (_, i) => ({ kind: 'queue' as const, body: { i } }));
              for (const { seq } of await outbox.append(items)) {
                expect(seq).toBeGreaterThan(highest);
                highest = seq;
                live.add(seq);
              }
            } else if ('reopen' in step) {
              await outbox.close();
              outbox = await open();
            } else {
              const pick = [...live][('ack' in step ? step.ack : step.deadLetter) % Math.max(live.size, 1)];
              if (pick === undefined) continue;
              live.delete(pick);
              const record = outbox.pending().find((r) => r.seq === pick)!;
              await ('ack' in step ? outbox.ack(pick) : outbox.deadLetter(record, new Error('refused')));
            }
          }
          await outbox.close();
          outbox = await open();
          const expected = [...live].sort((a, b) => a - b);
          expect(outbox.pending().map((r) => r.seq)).toEqual(expected);
          expect(outbox.stats().ackedThrough).toBe(expected.length > 0 ? expected[0]! - 1 : highest);
          // No spent segment survives a close: each file still holds something to deliver.
          for (const stored of await segmentSeqs(dir)) expect(stored.some((s) => live.has(s))).toBe(true);
          const [next] = await outbox.append([{ kind: 'queue', body: {} }]);
          expect(next?.seq).toBe(highest + 1);
        } finally {
          await outbox.close();
          await rm(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 60 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRecordLine, encodeRecord, prepareItems } from './record-codec.js';
import { recordSum } from './record-sum.js';

describe('recordSum', () => {
  it('is the first 16 hex digits of SHA-256 of the body JSON', () => {
    expect(recordSum('{"a":1}')).toBe('015abd7f5cc57a2d');
    expect(recordSum('{"agentStateList":[]}')).toBe('b7dff4581d99b1b5');
  });
});

describe('encodeRecord', () => {
  it('writes exactly JSON.stringify({seq, kind, createdAt, body, sum}) and counts the newline', () => {
    const [item] = prepareItems([{ kind: 'queue', body: { a: 1 } }]);
    const { record, line, bytes } = encodeRecord(7, '2024-04-17T10:00:00.000Z', item!);
    expect(line).toBe(
      '{"seq":7,"kind":"queue","createdAt":"2024-04-17T10:00:00.000Z","body":{"a":1},"sum":"015abd7f5cc57a2d"}',
    );
    expect(line).toBe(JSON.stringify(record));
    expect(bytes).toBe(Buffer.byteLength(line) + 1);
  });

  it('round-trips any JSON body through decodeRecordLine', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 2 ** 40 }), (body, seq) => {
        const [item] = prepareItems([{ kind: 'agentStates', body }]);
        const { record, line } = encodeRecord(seq, '2024-04-17T10:00:00.000Z', item!);
        expect(line).toBe(JSON.stringify(record));
        expect(decodeRecordLine(line)).toEqual(JSON.parse(line));
      }),
    );
  });
});

describe('prepareItems', () => {
  it('refuses unknown kinds and bodies JSON cannot hold', () => {
    expect(() => prepareItems([{ kind: 'nope' as 'queue', body: {} }])).toThrow(TypeError);
    expect(() => prepareItems([{ kind: 'queue', body: undefined }])).toThrow(/not JSON/);
    expect(() => prepareItems([{ kind: 'queue', body: () => 1 }])).toThrow(/not JSON/);
  });
});

describe('decodeRecordLine', () => {
  const good = '{"seq":1,"kind":"queue","createdAt":"t","body":{"a":1},"sum":"015abd7f5cc57a2d"}';

  it('accepts a good line', () => {
    expect(decodeRecordLine(good)).toEqual({ seq: 1, kind: 'queue', createdAt: 't', body: { a: 1 }, sum: '015abd7f5cc57a2d' });
  });

  it.each([
    ['torn JSON', good.slice(0, 40), 'not JSON'],
    ['a changed body', good.replace('"a":1', '"a":2'), 'sum mismatch'],
    ['an unknown kind', good.replace('"queue"', '"other"'), 'bad kind'],
    ['seq 0', good.replace('"seq":1', '"seq":0'), 'bad seq'],
    ['no body', '{"seq":1,"kind":"queue","createdAt":"t","sum":"x"}', 'missing body'],
    ['an array', '[1]', 'not an object'],
  ])('names what is wrong with %s', (_name, line, bad) => {
    expect(decodeRecordLine(line)).toEqual({ bad });
  });
});

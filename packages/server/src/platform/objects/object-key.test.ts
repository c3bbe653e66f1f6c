import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkObjectKey, encodeObjectKey } from './object-key.js';

describe('checkObjectKey', () => {
  it.each(['a', 'a/b/c.csv', 't1/extractions/2024-04-17/agents.csv', '.hidden/x', 'a..b/c', 'ü/日本語 file.txt'])(
    'accepts %j',
    (key) => {
      expect(() => checkObjectKey(key)).not.toThrow();
    },
  );

  it.each([
    ['', 'it is empty'],
    ['../etc/passwd', 'it has a ".." segment'],
    ['a/../../b', 'it has a ".." segment'],
    ['a/./b', 'it has a "." segment'],
    ['/etc/passwd', 'it is absolute'],
    ['a\\b', 'it contains a backslash'],
    ['a\0b', 'it contains NUL'],
    ['a//b', 'it has an empty segment'],
    ['a/', 'it has an empty segment'],
    ['x'.repeat(1025), 'it is longer than 1024 characters'],
  ])('rejects %j because %s', (key, reason) => {
    expect(() => checkObjectKey(key)).toThrow(`invalid object key ${JSON.stringify(key)}: ${reason}`);
  });
});

describe('encodeObjectKey', () => {
  it('encodes each segment and keeps the slashes', () => {
    expect(encodeObjectKey('t1/a b/ü?#%.csv')).toBe('t1/a%20b/%C3%BC%3F%23%25.csv');
  });

  it('decodes back to the key segment by segment', () => {
    const segment = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !s.includes('/'));
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (segments) => {
        const key = segments.join('/');
        expect(encodeObjectKey(key).split('/').map(decodeURIComponent)).toEqual(segments);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { base32, newAccessKeyId, newAccessKeySecret, newRefreshToken } from './key-material.js';

describe('key material', () => {
  it('encodes base32 as RFC 4648 test vectors', () => {
    const enc = (s: string, pad = true) => base32(new TextEncoder().encode(s), pad);
    expect(enc('')).toBe('');
    expect(enc('f')).toBe('MY======');
    expect(enc('fo')).toBe('MZXQ====');
    expect(enc('foobar')).toBe('MZXW6YTBOI======');
    expect(enc('foobar', false)).toBe('MZXW6YTBOI');
  });

  it('makes ids and secrets of the documented shape', () => {
    expect(newAccessKeyId()).toMatch(/^[A-Z2-7]{32}$/);
    expect(newAccessKeySecret()).toMatch(/^[A-Z2-7]{52}====$/);
    expect(newRefreshToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newAccessKeyId()).not.toBe(newAccessKeyId());
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signObjectPath, verifyObjectSignature } from './signed-url.js';

// Vectors computed independently with:
//   printf '%s' '["t1/agents.csv","1713348000",null]' | openssl dgst -sha256 -hmac s3cret
const secret = 's3cret';
const plain = '8ed4240fbb73b5c058439b4e07a3adde2abb53c57d7f51e9bd72da21a785d0ec';
const withDownload = '77ba37be02c1f87152e70db64f589c63c8390bf0ccec1f3f66c401db934b9f7e';
const expires = 1713348000; // 2024-04-17T10:00:00Z
const before = new Date('2024-04-17T09:59:59.999Z');

describe('signObjectPath', () => {
  it('matches the HMAC-SHA256 test vectors', () => {
    expect(signObjectPath('t1/agents.csv', expires, secret)).toBe(plain);
    expect(signObjectPath('t1/agents.csv', expires, secret, { download: 'agents 2024.csv' })).toBe(withDownload);
  });
});

describe('verifyObjectSignature', () => {
  const base = { key: 't1/agents.csv', expires: String(expires), signature: plain, secret, now: before };

  it('accepts a genuine URL until its expiry second and calls it expired from then on', () => {
    expect(verifyObjectSignature(base)).toBe('ok');
    expect(verifyObjectSignature({ ...base, expires })).toBe('ok');
    expect(verifyObjectSignature({ ...base, now: new Date('2024-04-17T10:00:00Z') })).toBe('expired');
    expect(verifyObjectSignature({ ...base, now: new Date('2030-01-01T00:00:00Z') })).toBe('expired');
  });

  it('covers the download name', () => {
    expect(verifyObjectSignature({ ...base, signature: withDownload, download: 'agents 2024.csv' })).toBe('ok');
    expect(verifyObjectSignature({ ...base, signature: withDownload })).toBe('bad-signature');
    expect(verifyObjectSignature({ ...base, download: 'agents 2024.csv' })).toBe('bad-signature');
    expect(verifyObjectSignature({ ...base, signature: withDownload, download: 'other.csv' })).toBe('bad-signature');
  });

  it.each([
    ['another key', { key: 't1/agents.csv2' }],
    ['a later expiry', { expires: String(expires + 1) }],
    ['a zero-padded expiry', { expires: `0${expires}` }],
    ['a non-numeric expiry', { expires: '1713348000abc' }],
    ['another secret', { secret: 's3cret2' }],
    ['an upper-case signature', { signature: plain.toUpperCase() }],
    ['a short signature', { signature: plain.slice(0, 63) }],
    ['an empty signature', { signature: '' }],
  ])('refuses %s as bad-signature, even before expiry', (_name, change) => {
    expect(verifyObjectSignature({ ...base, ...change })).toBe('bad-signature');
  });

  it('calls a forged URL bad-signature even after its expiry', () => {
    expect(verifyObjectSignature({ ...base, secret: 'x', now: new Date('2030-01-01T00:00:00Z') })).toBe('bad-signature');
  });

  it('round-trips any key, expiry and name, and refuses any one changed hex digit', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 1, max: 4_000_000_000 }),
        fc.option(fc.string(), { nil: undefined }),
        fc.nat(63),
        (key, exp, download, flip) => {
          const signature = signObjectPath(key, exp, secret, { download });
          const now = new Date((exp - 1) * 1000);
          expect(verifyObjectSignature({ key, expires: exp, signature, secret, now, download })).toBe('ok');
          const digit = signature[flip] === '0' ? '1' : '0';
          const tampered = signature.slice(0, flip) + digit + signature.slice(flip + 1);
          expect(verifyObjectSignature({ key, expires: exp, signature: tampered, secret, now, download })).toBe(
            'bad-signature',
          );
        },
      ),
    );
  });
});

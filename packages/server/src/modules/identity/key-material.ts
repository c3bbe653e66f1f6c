import { createHash, randomBytes } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32, upper case, `=`-padded when `pad`. */
export function base32(bytes: Uint8Array, pad: boolean): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  if (pad) while (out.length % 8 !== 0) out += '=';
  return out;
}

/** Access key id: 20 random bytes, base32, 32 characters. */
export const newAccessKeyId = (): string => base32(randomBytes(20), false);

/** Access key secret: 32 random bytes, base32 with padding. Shown once, stored only as an scrypt hash. */
export const newAccessKeySecret = (): string => base32(randomBytes(32), true);

/** Opaque refresh token: 32 random bytes, base64url. Stored only as its SHA-256. */
export const newRefreshToken = (): string => randomBytes(32).toString('base64url');

export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');

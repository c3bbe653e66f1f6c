import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (secret: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(secret, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );

const defaults = { logN: 15, r: 8, p: 1 };

/**
 * scrypt (N=2^15, r=8, p=1, 16-byte salt, 64-byte output) as `scrypt$logN$r$p$salt$hash`, the
 * parameters stored so they can be raised later without breaking existing hashes.
 */
export async function hashSecret(secret: string, params = defaults): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(secret, salt, 64, { N: 2 ** params.logN, r: params.r, p: params.p, maxmem: 256 * 1024 * 1024 });
  return ['scrypt', params.logN, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Constant-time comparison of a presented secret with a stored hash; false for any malformed hash. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !logN || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(secret, Buffer.from(salt, 'base64'), expected.length, {
    N: 2 ** Number(logN),
    r: Number(r),
    p: Number(p),
    maxmem: 256 * 1024 * 1024,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of a random secret, for comparing in constant time against unknown key ids (no timing oracle). */
export const decoyHash = hashSecret(randomBytes(32).toString('hex'));

import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a local signed URL's signature covers besides the key and expiry. */
export interface SignedFields {
  /** The `download` file name, when the URL asks for an attachment. */
  download?: string | undefined;
}

/**
 * HMAC-SHA256 (hex) over the object key, the expiry (Unix seconds) and the optional download name, for
 * the URLs the local store hands out. The fields are signed as a JSON array so no two different
 * (key, expiry, name) triples sign the same bytes.
 *
 * @example
 * const signature = signObjectPath('t1/agents.csv', 1713348000, secret);
 * // `${baseUrl}/objects/v1/t1/agents.csv?expires=1713348000&signature=${signature}`
 */
export function signObjectPath(key: string, expiresAtUnixSeconds: number, secret: string, fields: SignedFields = {}): string {
  return hmac(key, String(expiresAtUnixSeconds), secret, fields.download);
}

export type SignatureCheck = 'ok' | 'expired' | 'bad-signature';

export interface VerifyObjectSignatureInput extends SignedFields {
  key: string;
  /** The `expires` query value as received (decimal Unix seconds). */
  expires: string | number;
  signature: string;
  secret: string;
  now: Date;
}

/**
 * Checks a local signed URL. The signature is checked first (in constant time), so a forged URL is
 * `bad-signature` whatever its expiry; a genuine one is `expired` from its expiry second on.
 *
 * @example
 * verifyObjectSignature({ key, expires: '1713348000', signature, secret, now: clock.now() }); // 'ok'
 */
export function verifyObjectSignature(input: VerifyObjectSignatureInput): SignatureCheck {
  const expires = String(input.expires);
  if (!/^\d{1,12}$/.test(expires) || !/^[0-9a-f]{64}$/.test(input.signature)) return 'bad-signature';
  const expected = Buffer.from(hmac(input.key, expires, input.secret, input.download), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(input.signature, 'hex'))) return 'bad-signature';
  return input.now.getTime() >= Number(expires) * 1000 ? 'expired' : 'ok';
}

function hmac(key: string, expires: string, secret: string, download: string | undefined): string {
  return createHmac('sha256', secret)
    .update(JSON.stringify([key, expires, download ?? null]))
    .digest('hex');
}

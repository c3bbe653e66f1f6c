import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  importPKCS8,
  type CryptoKey,
  type JWK,
} from 'jose';
import type { Queryable } from '../../platform/db/db.js';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  retiredAt: Date | null;
}

export interface SigningKeys {
  /** The key new tokens are signed with. */
  current(): SigningKey;
  /** Public keys a token may carry: the current one and retired ones whose tokens can still be alive. */
  jwks(now: Date): { keys: JWK[] };
  /** The public key for `kid`, re-reading the database once if another node added it. */
  publicKey(kid: string): Promise<CryptoKey | JWK | null>;
  /** Adds a new current key; the old one stays in the JWKS until its last token expires. */
  rotate(now: Date): Promise<SigningKey>;
  close(): void;
}

/** Nodes re-read the keys this often, so a rotation made elsewhere (another node, the CLI) reaches them. */
const reloadEveryMs = 60_000;

async function publicOf(privateJwk: JWK): Promise<JWK> {
  const { d: _private, ...pub } = privateJwk;
  return { ...pub, kid: await calculateJwkThumbprint(pub), alg: 'ES256', use: 'sig' };
}

async function generate(): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const privateJwk = await exportJWK(privateKey);
  return { privateJwk, publicJwk: await publicOf(privateJwk) };
}

/**
 * ES256 signing keys: from `JWT_PRIVATE_KEY` (PKCS#8 PEM) when set, else generated once and kept in
 * the database so every node and every restart signs and verifies with the same keys.
 */
export async function loadSigningKeys(db: Queryable, options: { pem?: string; maxTokenAgeS: number }): Promise<SigningKeys> {
  let keys: SigningKey[] = [];
  let lastReload = 0;

  const fromRow = async (row: { kid: string; private_jwk: string; public_jwk: string; retired_at: Date | null }) => ({
    kid: row.kid,
    privateKey: (await importJWK(JSON.parse(row.private_jwk) as JWK, 'ES256')) as CryptoKey,
    publicJwk: JSON.parse(row.public_jwk) as JWK,
    retiredAt: row.retired_at ? new Date(row.retired_at) : null,
  });

  async function reload(): Promise<void> {
    const rows = await db.query<{ kid: string; private_jwk: string; public_jwk: string; retired_at: Date | null }>(
      'SELECT kid, private_jwk, public_jwk, retired_at FROM signing_key ORDER BY created_at DESC, kid',
    );
    keys = await Promise.all(rows.rows.map(fromRow));
    lastReload = Date.now();
  }

  async function insert(now: Date): Promise<void> {
    const { privateJwk, publicJwk } = await generate();
    await db.query('UPDATE signing_key SET retired_at = $1 WHERE retired_at IS NULL', [now]);
    await db.query('INSERT INTO signing_key (kid, private_jwk, public_jwk, created_at) VALUES ($1, $2, $3, $4)', [
      publicJwk.kid,
      JSON.stringify(privateJwk),
      JSON.stringify(publicJwk),
      now,
    ]);
  }

  let configured: SigningKey | null = null;
  if (options.pem) {
    const privateKey = await importPKCS8(options.pem, 'ES256', { extractable: true });
    const publicJwk = await publicOf(await exportJWK(privateKey));
    configured = { kid: publicJwk.kid ?? '', privateKey, publicJwk, retiredAt: null };
  } else {
    await reload();
    if (!keys.some((k) => k.retiredAt === null)) {
      // Two nodes starting at once may both insert: harmless, the newest one becomes current.
      await insert(new Date());
      await reload();
    }
  }

  const all = () => (configured ? [configured, ...keys] : keys);
  const timer = configured ? null : setInterval(() => void reload().catch(() => {}), reloadEveryMs);
  timer?.unref();

  const current = (): SigningKey => {
    const key = configured ?? keys.find((k) => k.retiredAt === null);
    if (!key) throw new Error('no current signing key');
    return key;
  };

  return {
    current,
    jwks(now) {
      // A node may sign with a retired key until its next reload; its tokens live maxTokenAgeS after that.
      const horizon = now.getTime() - (options.maxTokenAgeS + reloadEveryMs / 1000 + 30) * 1000;
      return { keys: all().filter((k) => !k.retiredAt || k.retiredAt.getTime() > horizon).map((k) => k.publicJwk) };
    },
    async publicKey(kid) {
      let key = all().find((k) => k.kid === kid);
      if (!key && Date.now() - lastReload > 1000 && !configured) {
        await reload();
        key = all().find((k) => k.kid === kid);
      }
      return key ? key.publicJwk : null;
    },
    async rotate(now) {
      if (configured) throw new Error('signing key comes from JWT_PRIVATE_KEY; rotate it there');
      await insert(now);
      await reload();
      return current();
    },
    close() {
      if (timer) clearInterval(timer);
    },
  };
}

import { CXoneWfmException, errorFromResponse, localError } from './errors.js';
import type { Transport } from './transport.js';

interface TokenState {
  accessToken: string;
  refreshToken: string | null;
  obtainedAt: number;
  expiresInS: number;
}

export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  tenantName?: string | undefined;
}

/**
 * Access-token lifecycle (spec §5.5): log in with the key, refresh through `/public/user/refresh`
 * at 80 % of the token's lifetime, refresh once (single flight) after a 401, and log in again when
 * the refresh token is refused. Tokens never leave this object except as the bearer value.
 */
export class TokenManager {
  #state: TokenState | null = null;
  #inflight: Promise<string> | null = null;

  constructor(
    private readonly transport: Transport,
    private readonly credentials: Credentials,
    private readonly now: () => number = Date.now,
  ) {}

  /** A valid access token, renewing it first when 80 % of its lifetime has passed. */
  async token(): Promise<string> {
    const s = this.#state;
    if (s && this.now() < s.obtainedAt + s.expiresInS * 800) return s.accessToken;
    return this.#renew();
  }

  /** After a 401 carrying `staleToken`: renew once for every caller that saw the same token. */
  async afterUnauthorized(staleToken: string): Promise<string> {
    if (this.#state && this.#state.accessToken !== staleToken) return this.#state.accessToken;
    this.#state = this.#state ? { ...this.#state, obtainedAt: 0 } : null;
    return this.#renew();
  }

  #renew(): Promise<string> {
    this.#inflight ??= this.#refreshOrLogin().finally(() => {
      this.#inflight = null;
    });
    return this.#inflight;
  }

  async #refreshOrLogin(): Promise<string> {
    const refreshToken = this.#state?.refreshToken;
    if (refreshToken) {
      const res = await this.transport.request('POST', '/public/user/refresh', { body: { token: refreshToken, updateCookie: false, toggleEnabled: false } });
      if (res.status === 200) {
        const body = JSON.parse(res.text) as { token: string; tokenExpirationTimeSec: number; refreshToken: string };
        this.#state = { accessToken: body.token, refreshToken: body.refreshToken, obtainedAt: this.now(), expiresInS: body.tokenExpirationTimeSec };
        return body.token;
      }
      if (res.status >= 500 || res.status === 429) throw errorFromResponse(res.status, res.text);
      // Refused (rotated, expired, family revoked): the key can still log in.
    }
    return this.#login();
  }

  async #login(): Promise<string> {
    const { accessKeyId, accessKeySecret, tenantName } = this.credentials;
    const res = await this.transport.request('POST', '/authentication/v1/token/access-key', {
      body: { ...(tenantName ? { tenantName } : {}), accessKeyTokenRequest: { accessKeyId, accessKeySecret } },
    });
    if (res.status !== 200) {
      const e = errorFromResponse(res.status, res.text);
      if (e.retryable) throw e;
      throw localError('AUTH_FAILED', `login refused: ${e.statusReason}`, e.getResponse().errors);
    }
    const body = JSON.parse(res.text) as { access_token: string; refresh_token: string; expires_in: number };
    this.#state = { accessToken: body.access_token, refreshToken: body.refresh_token || null, obtainedAt: this.now(), expiresInS: body.expires_in };
    return body.access_token;
  }

  static isAuthFailure(e: unknown): boolean {
    return e instanceof CXoneWfmException && e.statusReason === 'AUTH_FAILED';
  }
}

import { errorFromResponse, localError } from './errors.js';
import type { TokenManager } from './token-manager.js';
import type { HttpAnswer, Transport } from './transport.js';

/**
 * Authenticated calls: a 401 renews the token once (single flight across concurrent calls) and
 * resends once; a second 401 is AUTH_FAILED. Other answers are returned as they are.
 */
export function createApi(transport: Transport, tokens: TokenManager) {
  return async function call(method: 'GET' | 'POST', path: string, body?: unknown, signal?: AbortSignal): Promise<HttpAnswer> {
    const extra = { ...(body !== undefined ? { body } : {}), ...(signal ? { signal } : {}) };
    const token = await tokens.token();
    const first = await transport.request(method, path, { ...extra, token });
    if (first.status !== 401) return first;
    const renewed = await tokens.afterUnauthorized(token);
    const second = await transport.request(method, path, { ...extra, token: renewed });
    if (second.status === 401) throw localError('AUTH_FAILED', `${path}: still unauthorized after renewing the token`, errorFromResponse(401, second.text).getResponse().errors);
    return second;
  };
}

export type Api = ReturnType<typeof createApi>;

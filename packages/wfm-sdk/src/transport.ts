import { CXoneWfmException } from './errors.js';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export interface Transport {
  request(method: 'GET' | 'POST', path: string, options?: { body?: unknown; token?: string; signal?: AbortSignal }): Promise<HttpAnswer>;
}

/**
 * JSON over `fetch` with a per-request timeout. A network failure or timeout throws a retryable
 * CXoneWfmException (`UNREACHABLE`); any HTTP answer, success or not, is returned for the caller to judge.
 */
export function createTransport(serviceUrl: string, timeoutMs: number): Transport {
  const base = serviceUrl.replace(/\/+$/, '');
  return {
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      // One controller per request, its listener on the caller's signal removed afterwards, so a
      // long-lived stop signal collects no listeners (AbortSignal.any would keep one per request).
      const controller = new AbortController();
      const abort = () => controller.abort();
      const timer = setTimeout(abort, timeoutMs);
      options.signal?.addEventListener('abort', abort, { once: true });
      try {
        const res = await fetch(`${base}${path}`, {
          method,
          headers,
          ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
          signal: controller.signal,
        });
        return { status: res.status, headers: res.headers, text: await res.text() };
      } catch (cause) {
        // The message names the path only: URLs and headers never carry secrets into errors.
        throw new CXoneWfmException({ statusReason: 'UNREACHABLE', httpStatus: null, retryable: true, message: `${method} ${path}: server unreachable`, cause: sanitize(cause) });
      } finally {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', abort);
      }
    },
  };
}

function sanitize(cause: unknown): Error {
  const e = cause as { name?: string; message?: string; cause?: { code?: string } };
  return new Error(`${e.name ?? 'Error'}: ${e.message ?? String(cause)}${e.cause?.code ? ` (${e.cause.code})` : ''}`);
}

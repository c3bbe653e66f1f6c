// How the generator reaches the WFM API: the same calls either through `fetch` against a running
// server or through Fastify's `inject` on an app built in this process (no port needed).
import type { App } from '../../../app.js';

/** A JSON call (authenticated when built with a token): resolves with the status and the parsed body (never throws on 4xx/5xx). */
export type WfmHttp = (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) => Promise<WfmAnswer>;

/** An answer: status, parsed body, and `Retry-After` seconds on a 429. */
export interface WfmAnswer {
  status: number;
  body: unknown;
  retryAfterS?: number;
}

const retryAfter = (value: unknown): { retryAfterS?: number } => {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isFinite(n) && n > 0 ? { retryAfterS: n } : {};
};

/** A refused call, with the server's `statusReason` and first error for the message. */
export class GeneratorError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'GeneratorError';
  }
}

function parse(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Calls through `app.http.inject` with a bearer token.
 *
 * @example
 * const http = injectHttp(app, token); await http('GET', '/wfm/v1/skills');
 */
export function injectHttp(app: Pick<App, 'http'>, token: string): WfmHttp {
  return async (method, path, body) => {
    const res = await app.http.inject({
      method,
      url: path,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { status: res.statusCode, body: parse(res.body), ...retryAfter(res.headers['retry-after']) };
  };
}

/**
 * Calls a server at `baseUrl` with `fetch` and a bearer token.
 *
 * @example
 * const http = fetchHttp('http://localhost:8080', token);
 */
export function fetchHttp(baseUrl: string, token: string): WfmHttp {
  const base = baseUrl.replace(/\/+$/, '');
  return async (method, path, body) => {
    const res = await fetch(base + path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(120_000),
    });
    return { status: res.status, body: parse(await res.text()), ...retryAfter(res.headers.get('retry-after')) };
  };
}

/** How long the generator keeps retrying a rate-limited call (the tenant's data rate, 429). */
const RATE_LIMIT_PATIENCE_MS = 10 * 60_000;

/**
 * The body of a 2xx answer, else a GeneratorError naming the call and the server's first error. A
 * 429 is waited out (`Retry-After`), as any client of the ingestion API must.
 *
 * @example
 * const page = await expectOk(http, 'GET', '/wfm/v1/skills?limit=1000');
 */
export async function expectOk(http: WfmHttp, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<unknown> {
  let res = await http(method, path, body);
  const giveUpAt = Date.now() + RATE_LIMIT_PATIENCE_MS;
  while (res.status === 429 && Date.now() < giveUpAt) {
    await new Promise((resolve) => setTimeout(resolve, (res.retryAfterS ?? 1) * 1000));
    res = await http(method, path, body);
  }
  if (res.status >= 200 && res.status < 300) return res.body;
  const failure = res.body as { statusReason?: string; errors?: { path: string; message: string }[] } | undefined;
  const first = failure?.errors?.[0];
  const detail = first ? `${first.path}: ${first.message}` : typeof res.body === 'string' ? res.body.slice(0, 200) : '';
  throw new GeneratorError(`${method} ${path.split('?')[0]} answered ${res.status} ${failure?.statusReason ?? ''}${detail ? ` (${detail})` : ''}`.trim(), res.status);
}

/**
 * A token for an access key (`POST /authentication/v1/token/access-key`).
 *
 * @example
 * const token = await accessToken(anonymous, { accessKeyId, accessKeySecret });
 */
export async function accessToken(http: WfmHttp, key: { accessKeyId: string; accessKeySecret: string }): Promise<string> {
  const body = (await expectOk(http, 'POST', '/authentication/v1/token/access-key', key)) as { access_token: string };
  return body.access_token;
}

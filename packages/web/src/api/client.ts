import type { RefreshTokenResponse } from '@floorplan/contracts';
import { readSession, updateTokens, writeSession } from './tokens';

/** A field-level error as the server reports it (`errors[]` of an AppError body). */
export interface FieldError {
  /** Dotted path with `[index]` for array items; `""` for the whole request. */
  path: string;
  message: string;
}

/** A non-2xx answer: `code` and `errors` come from the server's error body when it has one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiInit extends Omit<RequestInit, 'body'> {
  /** A JSON value (serialised, with its content type) or a raw body such as CSV text. */
  body?: unknown;
  /** Content type of a raw string body (`text/csv`); JSON otherwise. */
  contentType?: string;
  /** Skip the bearer token (sign-in). */
  anonymous?: boolean;
}

/** Response metadata that some screens need besides the body (ETag for If-Match). */
export interface ApiResult<T> {
  data: T;
  etag: string | null;
  headers: Headers;
}

/** Outcome of a token refresh: only `refused` ends the session; an unreachable server may come back. */
export type RefreshOutcome = 'ok' | 'refused' | 'unreachable';

// One refresh in flight at a time: concurrent 401s wait for the same rotation, because the server
// rotates the refresh token and a second use of the old one would be refused.
let refreshing: Promise<RefreshOutcome> | null = null;

async function refreshOnce(): Promise<RefreshOutcome> {
  const session = readSession();
  if (!session?.refreshToken) return 'refused';
  let response: Response;
  try {
    response = await fetch('/public/user/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: session.refreshToken }),
    });
  } catch {
    return 'unreachable';
  }
  if (response.status >= 500) return 'unreachable';
  if (!response.ok) return 'refused';
  const body = (await response.json()) as RefreshTokenResponse;
  updateTokens(body.token, body.refreshToken);
  return 'ok';
}

function refreshTokens(): Promise<RefreshOutcome> {
  refreshing ??= refreshOnce()
    .catch((): RefreshOutcome => 'unreachable')
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

function buildRequest(init: ApiInit): RequestInit {
  const { body, contentType, anonymous, headers, ...rest } = init;
  const merged = new Headers(headers);
  if (!anonymous) {
    const token = readSession()?.accessToken;
    if (token) merged.set('authorization', `Bearer ${token}`);
  }
  let payload: BodyInit | undefined;
  if (body !== undefined) {
    if (typeof body === 'string' && contentType) {
      payload = body;
      merged.set('content-type', contentType);
    } else if (body instanceof Blob || body instanceof FormData) {
      payload = body;
    } else {
      payload = JSON.stringify(body);
      merged.set('content-type', 'application/json');
    }
  }
  if (!merged.has('accept')) merged.set('accept', 'application/json');
  return { ...rest, headers: merged, body: payload };
}

async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  const record = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  // WFM shape: {status: 'FAILURE', statusReason, errors: [{path, message}]}.
  const code = typeof record.statusReason === 'string' ? record.statusReason : `HTTP_${response.status}`;
  const errors = Array.isArray(record.errors) ? (record.errors as FieldError[]) : [];
  const whole = errors.find((e) => e.path === '');
  const message = whole?.message ?? errors[0]?.message ?? (typeof record.message === 'string' ? record.message : response.statusText || code);
  return new ApiError(response.status, code, message, errors, body);
}

async function parseBody<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) return (await response.json()) as T;
  return (await response.text()) as T;
}

/** Like `apiFetch`, but also returns the ETag and headers. */
export async function apiRequest<T>(path: string, init: ApiInit = {}): Promise<ApiResult<T>> {
  let response = await fetch(path, buildRequest(init));
  if (response.status === 401 && !init.anonymous && readSession()) {
    const outcome = await refreshTokens();
    if (outcome === 'ok') response = await fetch(path, buildRequest(init));
    if (outcome === 'refused' || (outcome === 'ok' && response.status === 401)) writeSession(null);
  }
  if (!response.ok) throw await toApiError(response);
  return { data: await parseBody<T>(response), etag: response.headers.get('etag'), headers: response.headers };
}

/** Calls the API with the session's bearer token; refreshes once on 401; throws `ApiError`. */
export async function apiFetch<T>(path: string, init: ApiInit = {}): Promise<T> {
  return (await apiRequest<T>(path, init)).data;
}

/** Builds a query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * Rotates the tokens now, for connections that carry the access token in their URL (EventSource)
 * and cannot see a 401. Signs out when the server refuses the refresh token.
 */
export async function renewSession(): Promise<RefreshOutcome> {
  const outcome = await refreshTokens();
  if (outcome === 'refused' && readSession()) writeSession(null);
  return outcome;
}

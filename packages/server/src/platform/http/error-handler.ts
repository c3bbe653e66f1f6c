import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from './app-error.js';

/** Wire shape a route's failures use; set per route with `config.surface`. */
export type ErrorSurface = 'wfm' | 'oauth';

const oauthErrorOf: Partial<Record<ErrorCode, string>> = {
  INVALID_CREDENTIALS: 'invalid_grant',
  UNAUTHENTICATED: 'invalid_grant',
  TOKEN_EXPIRED: 'invalid_grant',
};

// PostgreSQL SQLSTATE classes and socket errors that mean "database unreachable", not a bug.
const unavailableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '53300']);

/** Turns anything thrown while serving a request into an AppError. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as Partial<FastifyError> & { code?: string; type?: string };
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'request body is larger than the limit');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('MALFORMED_JSON', 'body is empty', [{ path: '', message: 'body is empty' }]);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('MALFORMED_JSON', 'body is not valid JSON', [{ path: '', message: 'body is not valid JSON' }]);
    case 'Z_DATA_ERROR':
    case 'Z_BUF_ERROR':
      return new AppError('MALFORMED_JSON', 'body is not valid gzip', [{ path: '', message: 'body is not valid gzip' }]);
    default:
      break;
  }
  if (e.code && (unavailableCodes.has(e.code) || e.code.startsWith('08'))) {
    return new AppError('UNAVAILABLE', 'database unavailable', [], { 'retry-after': '5' });
  }
  if (error instanceof SyntaxError && e.statusCode === 400) {
    return new AppError('MALFORMED_JSON', 'body is not valid JSON', [{ path: '', message: error.message }]);
  }
  if (e.statusCode === 404) return new AppError('NOT_FOUND', 'not found');
  if (e.statusCode === 405) return new AppError('METHOD_NOT_ALLOWED', 'method not allowed');
  if (e.statusCode === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', e.message ?? 'unsupported media type');
  if (e.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', 'request body is larger than the limit');
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return new AppError('VALIDATION_FAILED', e.message ?? 'bad request', [{ path: '', message: e.message ?? 'bad request' }]);
  }
  return new AppError('INTERNAL_ERROR', 'internal error');
}

/** Renders an AppError in the wire shape of the surface that failed. */
export function renderError(err: AppError, surface: ErrorSurface): unknown {
  if (surface === 'oauth') {
    const error = oauthErrorOf[err.code] ?? (err.code === 'RATE_LIMITED' ? 'slow_down' : 'invalid_request');
    return { error, error_description: err.message };
  }
  return {
    status: 'FAILURE',
    statusReason: err.code,
    errors: (err.details.length > 0 ? err.details : [{ path: '', message: err.message }]).slice(0, 100),
  };
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const err = toAppError(error);
  if (err.status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: err.code, status: err.status }, 'request refused');
  const surface = (request.routeOptions.config as { surface?: ErrorSurface } | undefined)?.surface ?? 'wfm';
  // RFC 6749 answers token errors with 400 except rate limits and server faults.
  const status = surface === 'oauth' && err.status < 500 && err.status !== 429 ? 400 : err.status;
  void reply.status(status).headers(err.headers).send(renderError(err, surface));
}

import type { FastifyRequest } from 'fastify';
import type { LoggerOptions } from 'pino';

const secretQueryParams = /([?&](?:signature|token|refresh_token|access_token|X-Amz-Signature|X-Amz-Credential)=)[^&]*/gi;

/** The request URL as logged: values of credential-bearing query parameters are replaced. */
export function redactUrl(url: string): string {
  return url.replace(secretQueryParams, '$1[redacted]');
}

/**
 * Structured logs without secrets: no Authorization header, cookies, passwords, key secrets or
 * tokens, and URLs with their signature parameters masked.
 */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.password',
        '*.accessKeySecret',
        '*.token',
        '*.refresh_token',
        '*.access_token',
        '*.id_token',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: FastifyRequest) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: req.ip, id: req.id }),
    },
  };
}

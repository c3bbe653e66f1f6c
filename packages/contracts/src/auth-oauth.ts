import { z } from 'zod';
import { accessKeyFieldSchema } from './auth.js';
import { absentAsUndefined, text } from './fields.js';
import { formatIssuePath } from './issues.js';
import { wfmErrorMap } from './issue-messages.js';

// OAuth2-style token endpoint and discovery documents (spec §2.4). Errors here follow RFC 6749, not
// the WFM failure body.

const clientFields = {
  // Accepted because OAuth clients send them; Floorplan authenticates by the key alone.
  client_id: absentAsUndefined(z.string()),
  client_secret: absentAsUndefined(z.string()),
  scope: absentAsUndefined(z.string()),
};

/**
 * Body of `POST /auth/token` (form-encoded or JSON): `password` grant with the access key id as
 * `username` and the secret as `password`, or `refresh_token` grant. Use {@link parseOAuthTokenRequest}
 * to get RFC 6749 errors.
 */
export const oauthTokenRequestSchema = z.discriminatedUnion('grant_type', [
  z.object({ grant_type: z.literal('password'), username: accessKeyFieldSchema, password: accessKeyFieldSchema, ...clientFields }),
  z.object({ grant_type: z.literal('refresh_token'), refresh_token: text(1, 4096), ...clientFields }),
]);
/** A parsed `/auth/token` body. */
export type OAuthTokenRequest = z.output<typeof oauthTokenRequestSchema>;
/** A `/auth/token` body as a client may send it. */
export type OAuthTokenRequestInput = z.input<typeof oauthTokenRequestSchema>;

/** Answer of `/auth/token`. */
export const oauthTokenResponseSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int().min(0),
  refresh_token: z.string(),
  id_token: z.string(),
  scope: z.string(),
});
/** Answer of `/auth/token`. */
export type OAuthTokenResponse = z.infer<typeof oauthTokenResponseSchema>;

/** RFC 6749 §5.2 error body of `/auth/token` (status 400, or 401 for `invalid_client`). */
export const oauthErrorResponseSchema = z.object({
  error: z.enum(['invalid_grant', 'invalid_request', 'unsupported_grant_type', 'invalid_client']),
  error_description: z.string(),
});
/** An OAuth error body. */
export type OAuthErrorResponse = z.infer<typeof oauthErrorResponseSchema>;

const GRANT_TYPES: readonly unknown[] = ['password', 'refresh_token'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Parses a `/auth/token` body into a request or the RFC 6749 error to answer with: no `grant_type` or
 * a bad field is `invalid_request`, an unknown grant is `unsupported_grant_type`.
 *
 * @example
 * parseOAuthTokenRequest({ grant_type: 'client_credentials' });
 * // → { ok: false, error: { error: 'unsupported_grant_type', error_description: 'grant_type "client_credentials" is not supported' } }
 */
export function parseOAuthTokenRequest(raw: unknown): { ok: true; value: OAuthTokenRequest } | { ok: false; error: OAuthErrorResponse } {
  const grantType = isRecord(raw) ? raw['grant_type'] : undefined;
  if (grantType === undefined || grantType === null || grantType === '') {
    return { ok: false, error: { error: 'invalid_request', error_description: 'grant_type is required' } };
  }
  if (!GRANT_TYPES.includes(grantType)) {
    return { ok: false, error: { error: 'unsupported_grant_type', error_description: `grant_type ${JSON.stringify(grantType)} is not supported` } };
  }
  const parsed = oauthTokenRequestSchema.safeParse(raw, { error: wfmErrorMap });
  if (parsed.success) return { ok: true, value: parsed.data };
  const first = parsed.error.issues[0];
  const description = first ? `${formatIssuePath(first.path)} ${first.message}`.trim() : 'invalid request';
  return { ok: false, error: { error: 'invalid_request', error_description: description } };
}

/** `GET /.well-known/openid-configuration`. */
export const openIdConfigurationSchema = z.object({
  issuer: z.string(),
  token_endpoint: z.string(),
  jwks_uri: z.string(),
  grant_types_supported: z.array(z.string()),
  id_token_signing_alg_values_supported: z.array(z.string()),
  response_types_supported: z.array(z.string()).optional(),
  subject_types_supported: z.array(z.string()).optional(),
  token_endpoint_auth_methods_supported: z.array(z.string()).optional(),
  scopes_supported: z.array(z.string()).optional(),
  claims_supported: z.array(z.string()).optional(),
});
/** The OpenID discovery document. */
export type OpenIdConfiguration = z.infer<typeof openIdConfigurationSchema>;

/** Query of `GET /.well-known/cxone-configuration`. */
export const cxoneConfigurationQuerySchema = z.object({ tenantId: text(1, 255) });
/** Query of the CXone discovery document. */
export type CxoneConfigurationQuery = z.infer<typeof cxoneConfigurationQuerySchema>;

/** `GET /.well-known/cxone-configuration?tenantId=`: every endpoint is the server's public base URL. */
export const cxoneConfigurationSchema = z.object({
  tenantId: z.string(),
  area: z.string(),
  cluster: z.string(),
  domain: z.string(),
  acdDomain: z.string(),
  ui_endpoint: z.string(),
  auth_endpoint: z.string(),
  api_endpoint: z.string(),
});
/** The CXone discovery document. */
export type CxoneConfiguration = z.infer<typeof cxoneConfigurationSchema>;

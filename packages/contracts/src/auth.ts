import { z } from 'zod';
import { absentAsUndefined, text } from './fields.js';

// Access-key login and refresh, shaped like the vendor's (seed 000, spec §2.2, §2.3). OAuth2-style
// endpoints and discovery are in auth-oauth.ts.

/**
 * An access key id or secret: any printable ASCII, 1..128 characters, so vendor-style sample keys parse
 * and then fail with 401 rather than 400 (spec §2.1).
 */
export const accessKeyFieldSchema = text(1, 128).regex(/^[\x20-\x7E]*$/, { error: 'must contain only printable ASCII characters' });

/** `accessKeyTokenRequest` of the wrapped body. */
export const accessKeyPairSchema = z.object({
  accessKeyId: accessKeyFieldSchema,
  accessKeySecret: accessKeyFieldSchema,
});

/**
 * Body of `POST /authentication/v1/token/access-key`: either flat `{accessKeyId, accessKeySecret}` or
 * wrapped `{tenantName?, accessKeyTokenRequest: {accessKeyId, accessKeySecret}}`, never both. One
 * object with a refinement rather than a union, so a mixed or half body gets a precise path.
 * Normalise with {@link normalizeAccessKeyTokenRequest}.
 */
export const accessKeyTokenRequestSchema = z
  .object({
    tenantName: absentAsUndefined(text(0, 255)),
    accessKeyId: absentAsUndefined(accessKeyFieldSchema),
    accessKeySecret: absentAsUndefined(accessKeyFieldSchema),
    accessKeyTokenRequest: absentAsUndefined(accessKeyPairSchema),
  })
  .superRefine((body, ctx) => {
    if (body.accessKeyTokenRequest !== undefined) {
      if (body.accessKeyId !== undefined || body.accessKeySecret !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['accessKeyTokenRequest'], message: 'must not be combined with a top-level accessKeyId or accessKeySecret' });
      }
      return;
    }
    if (body.accessKeyId === undefined) ctx.addIssue({ code: 'custom', path: ['accessKeyId'], message: 'is required' });
    if (body.accessKeySecret === undefined) ctx.addIssue({ code: 'custom', path: ['accessKeySecret'], message: 'is required' });
  });
/** A parsed access-key login body, in whichever form it came. */
export type AccessKeyTokenRequest = z.output<typeof accessKeyTokenRequestSchema>;
/** An access-key login body as a client may send it. */
export type AccessKeyTokenRequestInput = z.input<typeof accessKeyTokenRequestSchema>;

/** The credentials of an access-key login, whichever form the body had. */
export interface AccessKeyCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  tenantName?: string;
}

/**
 * Flat or wrapped login body to one shape; an empty `tenantName` counts as none.
 *
 * @example
 * normalizeAccessKeyTokenRequest(accessKeyTokenRequestSchema.parse({ accessKeyTokenRequest: { accessKeyId: 'A', accessKeySecret: 'B' } }));
 * // → { accessKeyId: 'A', accessKeySecret: 'B' }
 */
export function normalizeAccessKeyTokenRequest(body: AccessKeyTokenRequest): AccessKeyCredentials {
  const pair = body.accessKeyTokenRequest ?? { accessKeyId: body.accessKeyId ?? '', accessKeySecret: body.accessKeySecret ?? '' };
  const credentials: AccessKeyCredentials = { accessKeyId: pair.accessKeyId, accessKeySecret: pair.accessKeySecret };
  if (body.tenantName) credentials.tenantName = body.tenantName;
  return credentials;
}

/** Answer of an access-key login (spec §2.2). */
export const accessKeyTokenResponseSchema = z.object({
  id_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int().min(0),
  refresh_token: z.string(),
  access_token: z.string(),
});
/** Answer of an access-key login. */
export type AccessKeyTokenResponse = z.infer<typeof accessKeyTokenResponseSchema>;

/** Body of `POST /public/user/refresh` (spec §2.3); the two booleans are accepted and ignored. */
export const refreshTokenRequestSchema = z.object({
  token: text(1, 4096),
  updateCookie: absentAsUndefined(z.boolean()),
  toggleEnabled: absentAsUndefined(z.boolean()),
});
/** A parsed refresh body. */
export type RefreshTokenRequest = z.output<typeof refreshTokenRequestSchema>;
/** A refresh body as a client may send it. */
export type RefreshTokenRequestInput = z.input<typeof refreshTokenRequestSchema>;

/** Answer of a refresh: `token` is the new access token, `sessionId` always `null`. */
export const refreshTokenResponseSchema = z.object({
  token: z.string(),
  tokenExpirationTimeSec: z.number().int().min(0),
  refreshToken: z.string(),
  refreshTokenExpirationTimeSec: z.number().int().min(0),
  sessionId: z.null(),
});
/** Answer of a refresh. */
export type RefreshTokenResponse = z.infer<typeof refreshTokenResponseSchema>;

/** A permission a token may carry (spec §2.5); routes declare the one they need. */
export const permissionSchema = z.enum(['wfm.acd.ingest', 'wfm.acd.read', 'admin.tenants', 'admin.users', 'admin.keys']);
/** One permission. */
export type Permission = z.infer<typeof permissionSchema>;

/** A user's role; `acd-connector` and `none` carry no console rights. */
export const roleSchema = z.enum(['admin', 'supervisor', 'analyst', 'agent', 'acd-connector', 'none']);
/** One role. */
export type Role = z.infer<typeof roleSchema>;

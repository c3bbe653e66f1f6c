import { randomUUID } from 'node:crypto';
import { errors as joseErrors, importJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import { AppError } from '../../platform/http/app-error.js';
import type { SigningKeys } from './signing-keys.js';

export const tokenAudience = 'floorplan';

export interface AccessClaims {
  sub: string;
  tenantId: string;
  permissions: string[];
  sid: string;
  jti: string;
  exp: number;
  /** Scheduling units the user is limited to; absent = all. */
  su?: string[];
}

export interface TokenSigner {
  access(input: { tenantId: string; userId: string; permissions: string[]; schedulingUnitIds: string[] | null; sessionId: string; now: Date; expiresAt: Date }): Promise<string>;
  id(input: { tenantId: string; userId: string; name: string; now: Date; expiresAt: Date }): Promise<string>;
  verify(token: string, now: Date): Promise<AccessClaims>;
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** ES256 JWTs with `kid`; verification allows 30 s of clock skew. */
export function createTokenSigner(keys: SigningKeys, issuer: string): TokenSigner {
  const sign = (claims: Record<string, unknown>, sub: string, now: Date, expiresAt: Date) => {
    const key = keys.current();
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(tokenAudience)
      .setSubject(sub)
      .setIssuedAt(seconds(now))
      .setExpirationTime(seconds(expiresAt))
      .sign(key.privateKey);
  };
  return {
    access: ({ tenantId, userId, permissions, schedulingUnitIds, sessionId, now, expiresAt }) =>
      sign(
        { tenantId, scope: permissions.join(' '), permissions, ...(schedulingUnitIds ? { su: schedulingUnitIds } : {}), sid: sessionId, jti: randomUUID() },
        userId,
        now,
        expiresAt,
      ),
    id: ({ tenantId, userId, name, now, expiresAt }) => sign({ tenantId, name }, userId, now, expiresAt),
    async verify(token, now) {
      try {
        const { payload } = await jwtVerify(
          token,
          async (header) => {
            const jwk = header.kid ? await keys.publicKey(header.kid) : null;
            if (!jwk) throw new AppError('UNAUTHENTICATED', 'token signed by an unknown key');
            return importJWK(jwk as JWK, 'ES256');
          },
          { issuer, audience: tokenAudience, algorithms: ['ES256'], clockTolerance: 30, currentDate: now },
        );
        const { sub, tenantId, permissions, sid, jti, exp, su } = payload as Partial<AccessClaims>;
        if (
          typeof sub !== 'string' ||
          typeof tenantId !== 'string' ||
          typeof sid !== 'string' ||
          typeof jti !== 'string' ||
          typeof exp !== 'number' ||
          !Array.isArray(permissions) ||
          !permissions.every((p) => typeof p === 'string') ||
          (su !== undefined && !(Array.isArray(su) && su.every((id) => typeof id === 'string')))
        ) {
          throw new AppError('UNAUTHENTICATED', 'token is not an access token');
        }
        return { sub, tenantId, permissions, sid, jti, exp, ...(su ? { su } : {}) };
      } catch (e) {
        if (e instanceof AppError) throw e;
        if (e instanceof joseErrors.JWTExpired) throw new AppError('TOKEN_EXPIRED', 'access token expired');
        throw new AppError('UNAUTHENTICATED', 'invalid access token');
      }
    },
  };
}

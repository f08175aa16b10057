// Access and refresh tokens: real JWTs (HS256, signed with jose) whose iat/exp come from the
// tenant's clock, so clients that read `exp` to schedule a refresh see the sandbox's time.
import { CompactSign, compactVerify, decodeJwt } from 'jose';
import { newId } from './ids.js';

export type TokenUse = 'access' | 'refresh';

export interface TokenClaims {
  /** Tenant id. */
  sub: string;
  typ: TokenUse;
  /** Shared by the access and refresh token issued together. */
  pair: string;
  iat: number;
  exp: number;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

export const accessLifetimeSeconds = 24 * 3600;
export const refreshLifetimeSeconds = 48 * 3600;

const encoder = new TextEncoder();

export type Verified = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'signature' };

/** Verified signatures are remembered (bounded), so a token's HMAC is checked once, not per call. */
const cacheLimit = 10_000;

export class TokenService {
  readonly #key: Uint8Array;
  readonly #verified = new Map<string, TokenClaims>();

  constructor(secret: string) {
    this.#key = encoder.encode(secret);
  }

  async issuePair(tenantId: string, nowMs: number): Promise<TokenPair> {
    const iat = Math.floor(nowMs / 1000);
    const pair = newId('tokenPair');
    const sign = (typ: TokenUse, lifetime: number) =>
      new CompactSign(encoder.encode(JSON.stringify({ sub: tenantId, typ, pair, iat, exp: iat + lifetime, iss: 'mahak' })))
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .sign(this.#key);
    const [accessToken, refreshToken] = await Promise.all([
      sign('access', accessLifetimeSeconds),
      sign('refresh', refreshLifetimeSeconds),
    ]);
    return { accessToken, refreshToken };
  }

  /** The answer of an earlier successful verify() of this token, without a promise; else undefined. */
  verifiedBefore(token: string): Verified | undefined {
    const claims = this.#verified.get(token);
    return claims && { ok: true, claims };
  }

  /** Checks the signature and shape; expiry is the caller's to judge against the tenant clock. */
  async verify(token: string): Promise<Verified> {
    const cached = this.verifiedBefore(token);
    if (cached) return cached;
    let claims: TokenClaims;
    try {
      claims = decodeJwt(token) as unknown as TokenClaims;
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (!isClaims(claims)) return { ok: false, reason: 'malformed' };
    try {
      await compactVerify(token, this.#key, { algorithms: ['HS256'] });
    } catch {
      return { ok: false, reason: 'signature' };
    }
    if (this.#verified.size >= cacheLimit) this.#verified.delete(this.#verified.keys().next().value!);
    this.#verified.set(token, claims);
    return { ok: true, claims };
  }
}

function isClaims(value: unknown): value is TokenClaims {
  const c = value as Partial<TokenClaims>;
  return (
    typeof c.sub === 'string' &&
    (c.typ === 'access' || c.typ === 'refresh') &&
    typeof c.pair === 'string' &&
    Number.isInteger(c.iat) &&
    Number.isInteger(c.exp)
  );
}

export const isExpired = (claims: TokenClaims, nowMs: number) => Math.floor(nowMs / 1000) >= claims.exp;

/**
 * Is the token outside its lifetime at `nowMs`: expired, or issued after it (the tenant clock
 * was moved back since), which a real server, whose clock only runs forward, never sees.
 */
export const outsideLifetime = (claims: TokenClaims, nowMs: number) => isExpired(claims, nowMs) || claims.iat > Math.floor(nowMs / 1000);

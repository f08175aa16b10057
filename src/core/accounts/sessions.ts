// Panel sessions, for any provider's accounts: an access token (a JWT, HS256 with jose) whose iat
// and exp come from the tenant clock, naming the account, its tenant and the password generation
// it was issued under, so a password change ends every earlier session. Each provider signs with
// its own key, derived from the database's signing secret, so one provider's token is no other's.
import { SignJWT, decodeJwt, jwtVerify } from 'jose';
import { bearerCredential, identify, type AppContext } from '../http.js';
import { derivedKey } from '../meta.js';
import { getTenant } from '../tenants.js';
import type { Db } from '../../db/index.js';

/** A provider's kind of session: the label its key is derived with and the issuer it names. */
export interface SessionScheme {
  keyLabel: string;
  issuer: string;
  lifetimeSeconds: number;
}

export interface SessionClaims {
  /** The account. */
  sub: string;
  /** Its tenant. */
  ten: string;
  /** The password generation the token was issued under. */
  ver: number;
  iat: number;
  exp: number;
}

const keyOf = (db: Db, label: string): Uint8Array => derivedKey(db, label);

/**
 * Tokens whose signature and issuer were verified, per database and key label: a signed-in
 * business sends the same token on every call, and jose's verify (a WebCrypto key import and
 * HMAC, each a promise) cost far more than the rest of the check. Only what cannot change is
 * remembered; the expiry is checked against the tenant clock on every call.
 */
const verifiedTokens = new WeakMap<Db['$client'], Map<string, true>>();
const verifiedLimit = 10_000;

function verifiedOf(db: Db): Map<string, true> {
  let verified = verifiedTokens.get(db.$client);
  if (!verified) verifiedTokens.set(db.$client, (verified = new Map()));
  return verified;
}

export async function issueSession(
  db: Db,
  scheme: SessionScheme,
  account: { id: string; tenantId: string; tokenVersion: number },
  nowMs: number,
): Promise<{ accessToken: string; expiresInSeconds: number }> {
  const iat = Math.floor(nowMs / 1000);
  const accessToken = await new SignJWT({ ten: account.tenantId, ver: account.tokenVersion })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(account.id)
    .setIssuer(scheme.issuer)
    .setIssuedAt(iat)
    .setExpirationTime(iat + scheme.lifetimeSeconds)
    .sign(keyOf(db, scheme.keyLabel));
  return { accessToken, expiresInSeconds: scheme.lifetimeSeconds };
}

export type SessionCheck = { claims: SessionClaims } | { refusal: 'unauthorized' | 'expired' };

/**
 * The session this call's bearer token carries; the call then belongs to the token's tenant
 * (journal, clock, scenario). Refuses a missing, repeated, foreign or expired token, and one
 * issued after the tenant's now (its clock was set back). The provider then checks that the
 * account exists and that `ver` is its current password generation.
 */
export async function checkSession(c: AppContext, scheme: SessionScheme): Promise<SessionCheck> {
  const deps = c.get('deps');
  const { token, repeated } = bearerCredential(c);
  if (!token || repeated) return { refusal: 'unauthorized' };
  let claims: Partial<SessionClaims>;
  try {
    claims = decodeJwt(token) as Partial<SessionClaims>;
  } catch {
    return { refusal: 'unauthorized' };
  }
  const tenant = typeof claims.ten === 'string' ? getTenant(deps.db, claims.ten) : undefined;
  if (!tenant || typeof claims.sub !== 'string') return { refusal: 'unauthorized' };
  // The token's tenant is known from here: a refusal below is in its journal.
  const nowMs = identify(c, tenant)!.now();
  const verified = verifiedOf(deps.db);
  const cacheKey = `${scheme.keyLabel} ${token}`;
  // A token without nbf (none is issued with one) verified before: only its expiry can have changed, as jose checks it.
  if (verified.has(cacheKey) && (claims as { nbf?: unknown }).nbf === undefined) {
    if (typeof claims.exp === 'number' && claims.exp <= Math.floor(nowMs / 1000)) return { refusal: 'expired' };
  } else {
    try {
      await jwtVerify(token, keyOf(deps.db, scheme.keyLabel), { issuer: scheme.issuer, algorithms: ['HS256'], currentDate: new Date(nowMs), clockTolerance: 0 });
    } catch (error) {
      return { refusal: (error as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'expired' : 'unauthorized' };
    }
    if (verified.size >= verifiedLimit) verified.delete(verified.keys().next().value!);
    verified.set(cacheKey, true);
  }
  if (typeof claims.iat !== 'number' || claims.iat * 1000 > nowMs) return { refusal: 'unauthorized' };
  return { claims: claims as SessionClaims };
}

// The panel's session: an access token (a JWT, HS256 with jose) whose iat and exp come from the
// tenant clock, naming the business, its tenant and the password generation it was issued
// under, so a password change or reset ends every earlier session.
import { createHmac } from 'node:crypto';
import { SignJWT, decodeJwt, jwtVerify } from 'jose';
import { bearerCredential, identify, type AppContext, type AppDeps } from '../../core/http.js';
import { signingSecret } from '../../core/meta.js';
import { getTenant } from '../../core/tenants.js';
import type { Db } from '../../db/index.js';
import { businessById, type BusinessRow } from './business.js';
import { IceError } from './errors.js';

/** The panel's session lasts 12 hours of tenant time. */
export const accessLifetimeSeconds = 12 * 3600;

const keys = new WeakMap<Db, Uint8Array>();

/** ICE's own key, derived from the database's signing secret: a Jibit token is no ICE token. */
function keyOf(db: Db): Uint8Array {
  let key = keys.get(db);
  if (!key) keys.set(db, (key = createHmac('sha256', signingSecret(db)).update('ice-access-token').digest()));
  return key;
}

interface IceClaims {
  sub: string;
  ten: string;
  ver: number;
  iat: number;
  exp: number;
}

export async function issueAccessToken(deps: AppDeps, business: BusinessRow, nowMs: number): Promise<{ accessToken: string; expiresInSeconds: number }> {
  const iat = Math.floor(nowMs / 1000);
  const accessToken = await new SignJWT({ ten: business.tenantId, ver: business.tokenVersion })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(business.id)
    .setIssuer('mahak-ice')
    .setIssuedAt(iat)
    .setExpirationTime(iat + accessLifetimeSeconds)
    .sign(keyOf(deps.db));
  return { accessToken, expiresInSeconds: accessLifetimeSeconds };
}

/** The signed-in business of each call, by context. */
const signedIn = new WeakMap<AppContext, BusinessRow>();

/**
 * The business whose bearer token this call carries; the call then belongs to its tenant
 * (journal, clock, scenario). Refuses a missing, repeated, foreign, expired or superseded token.
 */
export async function requireBusiness(c: AppContext): Promise<BusinessRow> {
  const known = signedIn.get(c);
  if (known) return known;
  const deps = c.get('deps');
  const { token, repeated } = bearerCredential(c);
  if (!token || repeated) throw new IceError('unauthorized');
  let claims: Partial<IceClaims>;
  try {
    claims = decodeJwt(token) as Partial<IceClaims>;
  } catch {
    throw new IceError('unauthorized');
  }
  const tenant = typeof claims.ten === 'string' ? getTenant(deps.db, claims.ten) : undefined;
  if (!tenant || typeof claims.sub !== 'string') throw new IceError('unauthorized');
  // The token's tenant is known from here: a refusal below is in its journal.
  const clock = identify(c, tenant)!;
  const nowMs = clock.now();
  try {
    await jwtVerify(token, keyOf(deps.db), { issuer: 'mahak-ice', algorithms: ['HS256'], currentDate: new Date(nowMs), clockTolerance: 0 });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_JWT_EXPIRED') throw new IceError('tokenExpired');
    throw new IceError('unauthorized');
  }
  // A token issued after the tenant's now (its clock was set back) is not one it could have issued.
  if (typeof claims.iat !== 'number' || claims.iat * 1000 > nowMs) throw new IceError('unauthorized');
  const business = businessById(deps.db, tenant.id, claims.sub);
  if (!business || business.tokenVersion !== claims.ver) throw new IceError('unauthorized');
  signedIn.set(c, business);
  return business;
}

/** The signed-in business of a call that passed requireBusiness. */
export function businessOf(c: AppContext): BusinessRow {
  const business = signedIn.get(c);
  if (!business) throw new Error('businessOf: the call is not signed in');
  return business;
}
